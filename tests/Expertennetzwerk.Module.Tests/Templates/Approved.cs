using System.Runtime.CompilerServices;

namespace Expertennetzwerk.Module.Tests.Templates;

/// <summary>
/// Checked-in approved files under tests/Expertennetzwerk.Module.Tests/Templates/Approved/: a test fails when the output
/// differs; with UPDATE_APPROVED=1 the files are rewritten instead (review the diff before committing).
/// </summary>
internal static class Approved
{
    public static string Directory { get; } = Path.Combine(RepositoryRoot(), "tests", "Expertennetzwerk.Module.Tests", "Templates", "Approved");

    private static bool Update => Environment.GetEnvironmentVariable("UPDATE_APPROVED") == "1";

    public static void Verify(string name, string actual)
    {
        var path = Path.Combine(Directory, name);
        actual = actual.ReplaceLineEndings("\n");
        if (Update)
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(path, actual);
            return;
        }

        File.Exists(path).Should().BeTrue($"the approved file {name} should exist (run the tests with UPDATE_APPROVED=1 to create it)");
        var approved = File.ReadAllText(path).ReplaceLineEndings("\n");
        actual.Should().Be(approved, $"the output should match the approved file {name} (UPDATE_APPROVED=1 rewrites it)");
    }

    private static string RepositoryRoot([CallerFilePath] string callerPath = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(callerPath) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Expertennetzwerk.Module.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Expertennetzwerk.Module.sln not found above the test's directory.");
    }
}
