using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Expertennetzwerk.SampleHost.Tests.WebUi;

/// <summary>
/// axe-core (Deque.AxeCore.Playwright) on a page as the browser shows it now. The bar of the web UI: no violation of
/// impact serious or critical; a failure lists each with the rule, its help text and the elements it found.
/// </summary>
public static class Accessibility
{
    private static readonly HashSet<string> Blocking = new(StringComparer.OrdinalIgnoreCase) { "serious", "critical" };

    /// <summary>The serious and critical violations on <paramref name="page"/>, described for a failure message (empty when none).</summary>
    /// <param name="page">The page as shown now.</param>
    /// <param name="frames">False leaves out the page's frames (a script-less sandboxed frame never answers axe).</param>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page, bool frames = true)
    {
        var result = frames ? await page.RunAxe() : await page.RunAxe(new AxeRunOptions { Iframes = false });
        return result.Violations
            .Where(v => v.Impact is not null && Blocking.Contains(v.Impact))
            .Select(Describe)
            .ToList();
    }

    /// <summary>Fails, listing them, when <paramref name="page"/> has a serious or critical violation.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what, bool frames = true)
    {
        var violations = await SeriousViolationsAsync(page, frames);
        violations.Should().BeEmpty("{0} ({1}) must pass axe-core without serious or critical violations", what, page.Url);
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help} — "
        + string.Join("; ", violation.Nodes.Take(5).Select(n => $"{n.Target} {n.Html}"))
        + (violation.Nodes.Length > 5 ? $"; and {violation.Nodes.Length - 5} more" : string.Empty);
}

/// <summary>The accessibility and list/inbox/preferences browser tests share one sample host and one chromium.</summary>
[CollectionDefinition(Name)]
public sealed class WebUiQualityCollection : ICollectionFixture<WebUiHost>
{
    public const string Name = "Web UI quality";
}
