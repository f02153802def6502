using System.Net;
using Expertennetzwerk.Module.Tests.Support;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.SampleHost.Tests;

/// <summary>
/// The consent link's token is a secret in the request path. ASP.NET Core's hosting diagnostics log every request path
/// at Information (and routing at Debug); the sample's appsettings keep those categories at Warning, so neither its own
/// settings nor a host raising <c>Microsoft.AspNetCore</c> or everything to Trace writes the token into a log.
/// </summary>
public sealed class ConsentLinkLoggingTests
{
    public static TheoryData<string, string[]> Settings() => new()
    {
        { "the sample's appsettings", [] },
        { "Microsoft.AspNetCore at Information", ["--Logging:LogLevel:Microsoft.AspNetCore=Information"] },
        { "everything at Trace", ["--Logging:LogLevel:Default=Trace", "--Logging:LogLevel:Microsoft.AspNetCore=Trace", "--Logging:LogLevel:Microsoft=Trace"] },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task Opening_and_deciding_through_a_consent_link_logs_no_token(string settings, string[] logging)
    {
        await using var database = SampleDatabaseFixture.Sqlite();
        var capture = new CapturingLoggerProvider();
        await using var host = await RunningSampleHost.StartAsync(database, capture, logging);

        var link = await SampleHostTests.OpenConsentLinkAsync(host);
        var token = link.OriginalString[(link.OriginalString.LastIndexOf('/') + 1)..];
        token.Should().HaveLength(43);
        var bogus = new string('B', 43);
        string page;
        using (var shown = await host.Client.GetAsync(link))
        {
            shown.StatusCode.Should().Be(HttpStatusCode.OK);
            page = await shown.Content.ReadAsStringAsync();
        }

        using (var forged = await host.Client.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "agree" })))
        {
            forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        var antiforgery = SampleHostTests.AntiforgeryField().Match(page);
        var form = new Dictionary<string, string> { ["decision"] = "agree", [antiforgery.Groups["name"].Value] = antiforgery.Groups["value"].Value };
        using (var agreed = await host.Client.PostAsync(link, new FormUrlEncodedContent(form)))
        {
            agreed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var unknown = await host.Client.GetAsync(new Uri("/expertennetzwerk/consent/" + bogus, UriKind.Relative)))
        {
            unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        var entries = capture.Entries.ToList();
        entries.Should().Contain(e => e.Category == "Microsoft.Hosting.Lifetime" && e.Level == LogLevel.Information, "the capture sees the host's Information lines ({0})", settings);
        entries.Where(e => e.AllText.Contains(token, StringComparison.Ordinal) || e.AllText.Contains(bogus, StringComparison.Ordinal))
            .Select(e => $"{e.Category} {e.Level}: {e.Message}")
            .Should().BeEmpty("no log line may carry a consent link's token ({0})", settings);
    }
}
