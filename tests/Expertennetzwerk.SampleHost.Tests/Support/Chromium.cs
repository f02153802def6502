using Microsoft.Playwright;

namespace Expertennetzwerk.SampleHost.Tests.Support;

/// <summary>
/// Debian's chromium for browser tests, driven by Playwright with <c>ExecutablePath</c> (no browser download). Without
/// it the tests are skipped with the reason; <c>.ci/run</c> installs it, so CI skips none.
/// </summary>
public static class Chromium
{
    public const string Variable = "EXPERTENNETZWERK_CHROMIUM";

    /// <summary>The browser binary: <see cref="Variable"/>, else <c>/usr/bin/chromium</c>, when it exists.</summary>
    public static string? ExecutablePath =>
        new[] { Environment.GetEnvironmentVariable(Variable), "/usr/bin/chromium" }.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));

    public static string SkipReason => $"chromium not found: install Debian's chromium (apt-get install -y chromium) or set {Variable} to its path.";

    /// <summary>Skips the calling test unless chromium is there.</summary>
    public static void SkipUnlessAvailable() => Skip.If(ExecutablePath is null, SkipReason);

    /// <summary>Starts Playwright and a headless chromium.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox"], // CI runs as root, where chromium's sandbox cannot start
        });
        return (playwright, browser);
    }
}
