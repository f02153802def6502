using System.Net;
using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.SampleHost.Tests.Api.Support;

/// <summary>The data subject's side: the link in the development mailbox and the decision on the consent page.</summary>
public static partial class ConsentPageDriver
{
    /// <summary>Waits until the development mailbox holds a mail with <paramref name="url"/> and returns its text.</summary>
    public static async Task<string> MailWithAsync(this ApiHost host, Uri url)
    {
        var mailbox = host.Services.GetRequiredService<DevelopmentMailbox>();
        for (var i = 0; i < 240; i++)
        {
            if (mailbox.List().FirstOrDefault(m => m.Mail.Text.Contains(url.AbsoluteUri, StringComparison.Ordinal)) is { } mail)
            {
                return mail.Mail.Text;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("No mail with the link arrived in the development mailbox.");
    }

    /// <summary>Opens the consent page at <paramref name="link"/> and posts <paramref name="decision"/> (agree/decline) with the form's token.</summary>
    public static async Task<string> DecideAsync(this ApiHost host, Uri link, string decision = "agree")
    {
        var browser = host.Client((Module.Common.Actor?)null); // the data subject signs in nowhere: the link is the key
        var page = await browser.GetStringAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        page.Should().Contain("Ich willige ein");
        var field = AntiforgeryField().Match(page);
        field.Success.Should().BeTrue();
        using var decided = await browser.PostAsync(new Uri(link.PathAndQuery, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["decision"] = decision,
            [field.Groups["name"].Value] = field.Groups["value"].Value,
        }));
        var answer = await decided.Content.ReadAsStringAsync();
        decided.StatusCode.Should().Be(HttpStatusCode.OK, answer);
        return WebUtility.HtmlDecode(answer); // the page encodes umlauts as character references
    }

    [GeneratedRegex("<input name=\"(?<name>__RequestVerificationToken)\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
