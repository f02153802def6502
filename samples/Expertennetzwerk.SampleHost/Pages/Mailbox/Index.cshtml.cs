using System.Globalization;
using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.SampleHost.Api;
using Expertennetzwerk.SampleHost.Crm;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Mailbox;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.SampleHost.Pages.Mailbox;

/// <summary>
/// The development mailbox (Development only): the mails the module would have sent, from the sample's database, newest
/// first by when they were planned, times in the network's time zone, links clickable, Message-IDs readable; and
/// "Demo zurücksetzen", which recreates the demo data (<see cref="DemoReset"/>).
/// </summary>
public sealed partial class IndexModel(IDbContextFactory<SampleCrmDbContext> contexts, IWebHostEnvironment environment, IOptions<ExpertennetzwerkOptions> options) : PageModel
{
    /// <summary>A piece of a mail's text: plain text, or a link (http/https only).</summary>
    public sealed record TextPart(string Text, bool IsLink);

    public IReadOnlyList<StoredMail> Mails { get; private set; } = [];

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>True right after "Demo zurücksetzen".</summary>
    [BindProperty(SupportsGet = true, Name = "zurueckgesetzt")]
    public bool WasReset { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        Mails = await MailboxEndpoints.ListAsync(contexts, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var zoneId = await db.Set<ExpertNetwork>().AsNoTracking().Where(n => n.Id == DemoIds.Network).Select(n => n.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        Zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId ?? "Europe/Berlin", out var zone) ? zone : TimeZoneInfo.Utc;
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync([FromServices] DemoReset reset, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        await reset.ResetAsync(cancellationToken);
        return LocalRedirect("/mailbox?zurueckgesetzt=true");
    }

    /// <summary>An instant as the network's people read it, e.g. "29.11.2026 03:15:07 (MEZ)".</summary>
    public string Local(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        var name = Zone.IsDaylightSavingTime(local) ? Zone.DaylightName : Zone.StandardName;
        return local.ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " (" + name + ")";
    }

    /// <summary>The text split into plain parts and links, for the page to encode and link.</summary>
    public static IReadOnlyList<TextPart> Parts(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<TextPart>();
        var last = 0;
        foreach (Match match in Link().Matches(text))
        {
            if (match.Index > last)
            {
                parts.Add(new TextPart(text[last..match.Index], false));
            }

            parts.Add(new TextPart(match.Value, true));
            last = match.Index + match.Length;
        }

        if (last < text.Length)
        {
            parts.Add(new TextPart(text[last..], false));
        }

        return parts;
    }

    /// <summary>
    /// The text with its links clickable; everything (the links' text and targets too) HTML-encoded. A link to the
    /// module's public base URL opens on this host (relative target), whatever port the sample runs on.
    /// </summary>
    public IHtmlContent Linked(string text)
    {
        var publicBase = options.Value.PublicBaseUrl?.AbsoluteUri;
        var html = new HtmlContentBuilder();
        foreach (var part in Parts(text))
        {
            if (part.IsLink)
            {
                var target = publicBase is not null && part.Text.StartsWith(publicBase, StringComparison.Ordinal) && Uri.TryCreate(part.Text, UriKind.Absolute, out var uri)
                    ? uri.PathAndQuery + uri.Fragment
                    : part.Text;
                html.AppendHtml("<a href=\"").Append(target).AppendHtml("\">").Append(part.Text).AppendHtml("</a>");
            }
            else
            {
                html.Append(part.Text);
            }
        }

        return html;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+[^\s<>"".,;:!?)\]]")]
    private static partial Regex Link();
}
