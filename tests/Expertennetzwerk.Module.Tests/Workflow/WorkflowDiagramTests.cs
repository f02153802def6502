using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Workflow;

namespace Expertennetzwerk.Module.Tests.Workflow;

/// <summary>docs/workflow.md holds the diagram of the configured machine; this test fails when the two drift apart.</summary>
public sealed partial class WorkflowDiagramTests
{
    public const string UpdateVariable = "UPDATE_WORKFLOW_DOC";

    private const string Regenerate =
        "Regenerate it: UPDATE_WORKFLOW_DOC=1 dotnet test tests/Expertennetzwerk.Module.Tests --filter \"FullyQualifiedName~WorkflowDiagramTests\" (then review and commit docs/workflow.md).";

    [Fact]
    public void The_documented_diagram_is_the_configured_machine()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "workflow.md");
        File.Exists(path).Should().BeTrue($"docs/workflow.md must exist. {Regenerate}");
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var diagram = Diagram();
        var block = MermaidBlock().Match(text);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            var fresh = "```mermaid\n" + diagram + "\n```";
            text = block.Success ? text[..block.Index] + fresh + text[(block.Index + block.Length)..] : text.TrimEnd() + "\n\n" + fresh + "\n";
            File.WriteAllText(path, text);
            return;
        }

        block.Success.Should().BeTrue($"docs/workflow.md must contain a ```mermaid block. {Regenerate}");
        block.Groups["body"].Value.TrimEnd().Should().Be(diagram, $"docs/workflow.md is out of date with OrderWorkflow.ToMermaid(). {Regenerate}");
    }

    [Fact]
    public void The_diagram_shows_every_state_and_every_state_changing_trigger()
    {
        var diagram = Diagram();
        diagram.Should().StartWith("stateDiagram-v2");
        foreach (var state in Enum.GetValues<OrderState>())
        {
            diagram.Should().Contain(state.ToString());
        }

        foreach (var trigger in Enum.GetValues<OrderTrigger>())
        {
            diagram.Should().Contain(trigger.ToString());
        }
    }

    private static string Diagram() =>
        string.Join('\n', OrderWorkflow.ToMermaid().ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd())).Trim();

    /// <summary>The folder holding Expertennetzwerk.Module.sln, found by walking up from the test binaries.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Expertennetzwerk.Module.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Expertennetzwerk.Module.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"```mermaid\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex MermaidBlock();
}
