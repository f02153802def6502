using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Reflection;
using System.Xml.Linq;
using Expertennetzwerk.SampleHost.Tests.Support;

namespace Expertennetzwerk.SampleHost.Tests;

/// <summary>
/// What a CRM vendor installs: <c>dotnet pack</c> makes the three packages (with README, license, XML docs and symbol
/// packages, at the version of Directory.Build.props), and a fresh web project that takes them from a local folder
/// only (their dependencies from the public registry), with the README's embedding example pasted in, builds, starts
/// and answers a request.
/// </summary>
public sealed class PackageTests
{
    private static readonly string[] Packages = ["Expertennetzwerk.Module", "Expertennetzwerk.Module.AspNetCore", "Expertennetzwerk.Module.Smtp"];

    /// <summary>
    /// What the packaged app is asked, with the expected status: a consent link that does not exist reads the module's
    /// tables (so the database was prepared) and answers the German "link invalid" page; the JSON API answers an
    /// anonymous caller 401 ProblemDetails; the web UI's pages and stylesheet come from the package.
    /// </summary>
    private static readonly (string Path, HttpStatusCode Status)[] Requests =
    [
        ("/expertennetzwerk/consent/kein-gueltiger-link", HttpStatusCode.NotFound),
        ("/expertennetzwerk/api/v1/orders", HttpStatusCode.Unauthorized),
        ("/expertennetzwerk/orders", HttpStatusCode.Unauthorized), // the web UI's sign-in notice: Razor Pages from the package
        ("/_content/Expertennetzwerk.Module.AspNetCore/expertennetzwerk.css", HttpStatusCode.OK), // its stylesheet, a static web asset
    ];

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private static string Configuration { get; } =
        typeof(PackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

    [Fact]
    public async Task Packed_packages_install_into_a_new_web_project_that_runs_the_readme_example()
    {
        var stopwatch = Stopwatch.StartNew();
        var work = Directory.CreateTempSubdirectory("enw-pack-");
        try
        {
            var feed = Path.Combine(work.FullName, "feed");
            var version = PackageVersion();
            foreach (var package in Packages)
            {
                // --no-build: packs what the test run built, in the same configuration.
                await RunAsync(RepositoryFiles.Root, "pack", Path.Combine("src", package, package + ".csproj"), "-c", Configuration, "--no-build", "--disable-build-servers", "-nodeReuse:false", "-o", feed);
            }

            foreach (var package in Packages)
            {
                PackageShouldBeComplete(Path.Combine(feed, $"{package}.{version}.nupkg"), package);
                File.Exists(Path.Combine(feed, $"{package}.{version}.snupkg")).Should().BeTrue($"{package} ships a symbol package");
            }

            var app = Path.Combine(work.FullName, "app");
            WriteApp(app, feed, Path.Combine(work.FullName, "packages"), version);
            await RunAsync(app, "build", "-c", "Release", "--disable-build-servers", "-nodeReuse:false");

            await using var running = SampleHostProcess.StartDll(
                Path.Combine(app, "bin", "Release", "net10.0", "CrmApp.dll"), app, ["--urls=http://127.0.0.1:0", "--environment=Development"]);
            using var client = new HttpClient { BaseAddress = await running.WaitUntilListeningAsync(TimeSpan.FromMinutes(2)), Timeout = TimeSpan.FromSeconds(30) };
            foreach (var (path, status) in Requests)
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                response.StatusCode.Should().Be(status, $"{path}\n" + string.Join('\n', running.Lines));
            }

            running.Failures.Should().BeEmpty(string.Join('\n', running.Lines));
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }

        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(8), "the package test must keep the suite's time bounded");
    }

    /// <summary>The one place of the packages' version.</summary>
    private static string PackageVersion() =>
        XDocument.Parse(RepositoryFiles.Read("Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    private static void PackageShouldBeComplete(string nupkg, string id)
    {
        File.Exists(nupkg).Should().BeTrue($"dotnet pack makes {Path.GetFileName(nupkg)}");
        using var zip = ZipFile.OpenRead(nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        entries.Should().Contain(["README.md", $"lib/net10.0/{id}.dll", $"lib/net10.0/{id}.xml"]);
        using var reader = new StreamReader(zip.GetEntry(id + ".nuspec")!.Open());
        var nuspec = XDocument.Parse(reader.ReadToEnd());
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        metadata.Elements().Single(e => e.Name.LocalName == "license").Value.Should().Be("MIT");
        metadata.Elements().Single(e => e.Name.LocalName == "readme").Value.Should().Be("README.md");
    }

    /// <summary>
    /// A web project outside the repository: the three packages from <paramref name="feed"/> only, everything else from
    /// the public registry, extracted into its own packages folder (the machine's package cache serves as a read-only
    /// fallback, so a known dependency is not downloaded again), the README's example as it stands.
    /// </summary>
    private static void WriteApp(string folder, string feed, string packages, string version)
    {
        Directory.CreateDirectory(folder);
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{packages}" />
              </config>
              <fallbackPackageFolders>
                <clear />
                <add key="machine" value="{cache}" />
              </fallbackPackageFolders>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="Expertennetzwerk.*" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "CrmApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Expertennetzwerk.Module" Version="{version}" />
                <PackageReference Include="Expertennetzwerk.Module.AspNetCore" Version="{version}" />
                <PackageReference Include="Expertennetzwerk.Module.Smtp" Version="{version}" />
                <PackageReference Include="Microsoft.EntityFrameworkCore.Sqlite" Version="10.0.15" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Crm.cs"), ReadmeExample());
        File.WriteAllText(Path.Combine(folder, "Program.cs"), """
            var app = await MyCrm.CrmSetup.BuildAppAsync(args);
            await app.RunAsync();
            """);
    }

    /// <summary>The README's C# block under "Embedding", as a reader would copy it.</summary>
    private static string ReadmeExample()
    {
        var readme = RepositoryFiles.Read("README.md").ReplaceLineEndings("\n");
        var section = readme[readme.IndexOf("\n## Embedding\n", StringComparison.Ordinal)..];
        return section.Split("```csharp\n")[1].Split("```\n")[0];
    }

    private static async Task RunAsync(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} took longer than {CommandTimeout}.");
        }

        process.ExitCode.Should().Be(0, $"dotnet {string.Join(' ', arguments)} must succeed:\n{await output}\n{await error}");
    }
}
