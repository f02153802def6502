using System.Text;
using System.Text.Encodings.Web;
using Expertennetzwerk.Module.Ports;

namespace Expertennetzwerk.SampleHost.Api;

/// <summary>One mail of <c>GET /api/mailbox</c>.</summary>
public sealed record MailboxItem(DateTimeOffset ReceivedAt, string MessageId, IReadOnlyList<string> To, string Subject, string Text);

/// <summary>
/// The development mailbox (<c>UseDevelopmentMailbox()</c>): the notifications the module would have mailed, newest
/// first, as JSON (<c>/api/mailbox</c>) and as a page (<c>/mailbox</c>). Every value is HTML-encoded on the page.
/// </summary>
public static class MailboxEndpoints
{
    public static IEndpointRouteBuilder MapMailboxEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/mailbox", (DevelopmentMailbox mailbox) => Results.Ok(Items(mailbox)));
        endpoints.MapGet("/mailbox", (DevelopmentMailbox mailbox) => Results.Content(Page(Items(mailbox)), "text/html; charset=utf-8"));
        return endpoints;
    }

    private static IReadOnlyList<MailboxItem> Items(DevelopmentMailbox mailbox) =>
        mailbox.List().Select(m => new MailboxItem(
            m.ReceivedAt, m.Mail.MessageId, m.Mail.To.Select(a => a.DisplayName is null ? a.Address : $"{a.DisplayName} <{a.Address}>").ToList(),
            m.Mail.Subject, m.Mail.Text)).ToList();

    private static string Page(IReadOnlyList<MailboxItem> items)
    {
        var html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var page = new StringBuilder("""
            <!DOCTYPE html>
            <html lang="de"><head><meta charset="utf-8"><title>Postausgang (Entwicklung)</title>
            <style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}article{border-top:1px solid #ccc;padding:.5rem 0}pre{white-space:pre-wrap}</style>
            </head><body><h1>Postausgang (Entwicklung)</h1>
            """);
        page.Append("<p>").Append(items.Count).Append(" Mail(s), neueste zuerst. Nichts davon wurde wirklich versendet.</p>");
        foreach (var item in items)
        {
            page.Append("<article><h2>").Append(html.Encode(item.Subject)).Append("</h2><p>An: ")
                .Append(html.Encode(string.Join(", ", item.To))).Append(" · ").Append(html.Encode(item.ReceivedAt.ToString("u")))
                .Append("</p><pre>").Append(html.Encode(item.Text)).Append("</pre></article>");
        }

        return page.Append("</body></html>").ToString();
    }
}
