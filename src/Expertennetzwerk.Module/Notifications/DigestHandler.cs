using System.Text;
using System.Text.Json;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Expertennetzwerk.Module.Notifications;

/// <summary>
/// Delivers the daily digest. A <see cref="OutboxEventTypes.DigestItem"/> row needs no delivery of its own (it is data for
/// the digest, so handling it does nothing); a <see cref="OutboxEventTypes.Digest"/> row bundles the user's items of its
/// slot into one mail ("Ihre Tageszusammenfassung" / "Your daily summary", text and HTML, everything HTML-encoded), keyed
/// <c>{digest key}:mail</c>. Items are found by user and slot whatever their own delivery state, so the order in which
/// the dispatcher handles items and digest does not matter.
/// </summary>
internal sealed class DigestHandler : IOutboxHandler
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    private readonly IRecipientDirectory _recipients;
    private readonly TimeProvider _time;
    private readonly ILogger<DigestHandler> _logger;

    /// <summary>Creates the handler.</summary>
    public DigestHandler(IRecipientDirectory recipients, TimeProvider time, ILogger<DigestHandler>? logger = null)
    {
        _recipients = recipients ?? throw new ArgumentNullException(nameof(recipients));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger<DigestHandler>.Instance;
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> EventTypes { get; } = [OutboxEventTypes.Digest, OutboxEventTypes.DigestItem];

    /// <inheritdoc />
    public async Task HandleAsync(OutboxDeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        if (message.EventType == OutboxEventTypes.DigestItem)
        {
            return;
        }

        if (message.EventType != OutboxEventTypes.Digest)
        {
            throw new PermanentDeliveryException($"The digest handler does not handle '{message.EventType}' rows.");
        }

        DigestRun run;
        try
        {
            run = JsonSerializer.Deserialize<DigestRun>(message.PayloadJson, PayloadJson)
                  ?? throw new PermanentDeliveryException($"The digest row {message.Id} has an empty payload.");
        }
        catch (JsonException ex)
        {
            throw new PermanentDeliveryException($"The digest row {message.Id} has a malformed payload: {ex.Message}", ex);
        }

        var items = await ItemsAsync(context.Db, message.NetworkId, run, cancellationToken).ConfigureAwait(false);
        if (items.Count == 0)
        {
            NotificationLog.EmptyDigest(_logger, message.Id);
            return;
        }

        var recipient = await _recipients.FindUserAsync(message.NetworkId, run.UserId, cancellationToken).ConfigureAwait(false);
        if (recipient is null)
        {
            NotificationLog.DigestWithoutAddress(_logger, run.UserId, message.NetworkId, message.Id, items.Count);
            return;
        }

        var zone = await NetworkTimeZone.OfAsync(context.Db, message.NetworkId, cancellationToken).ConfigureAwait(false);
        var mail = Compose(recipient, items, zone);
        var key = NotificationBatch.Key($"{message.IdempotencyKey}:mail");
        var exists = await context.Db.Set<OutboxMessage>().AsNoTracking().AnyAsync(m => m.IdempotencyKey == key, cancellationToken).ConfigureAwait(false);
        if (exists || context.FollowUps.Any(f => f.IdempotencyKey == key))
        {
            return;
        }

        context.Enqueue(new OutboxMessage(Common.Ids.New(_time), message.NetworkId, null, OutboxEventTypes.Mail, NotificationBatch.UserColumn(run.UserId), JsonSerializer.Serialize(mail), key, _time.GetUtcNow()));
    }

    /// <summary>The digest mail: subject, a plain list and an HTML list, in the recipient's language, times in the network's <paramref name="zone"/>.</summary>
    internal static OutboxMail Compose(Recipient recipient, IReadOnlyList<DigestItem> items, TimeZoneInfo zone)
    {
        var english = TemplateFormatter.Language(recipient.Culture) == TemplateFormatter.English;
        var lang = english ? TemplateFormatter.English : TemplateFormatter.German;
        var subject = english ? "Your daily summary" : "Ihre Tageszusammenfassung";
        var greeting = english ? $"Hello {recipient.DisplayName}," : $"Guten Tag {recipient.DisplayName},";
        var intro = english
            ? items.Count == 1 ? "this happened since your last summary:" : $"these {items.Count} things happened since your last summary:"
            : items.Count == 1 ? "seit Ihrer letzten Zusammenfassung ist Folgendes geschehen:" : $"seit Ihrer letzten Zusammenfassung ist Folgendes geschehen ({items.Count} Meldungen):";
        var closing = english ? "Kind regards\nYour expert network" : "Mit freundlichen Grüßen\nIhr Expertennetzwerk";
        var open = english ? "Open" : "Öffnen";

        var text = new StringBuilder();
        text.Append(greeting).Append("\n\n").Append(intro).Append("\n\n");
        foreach (var item in items)
        {
            text.Append("- ").Append(TemplateFormatter.DateTime(item.OccurredAt, lang, zone)).Append(": ").Append(item.Subject).Append('\n');
            if (!string.IsNullOrWhiteSpace(item.Detail))
            {
                text.Append("  ").Append(item.Detail.ReplaceLineEndings("\n  ")).Append('\n');
            }

            if (!string.IsNullOrWhiteSpace(item.Url))
            {
                text.Append("  ").Append(item.Url).Append('\n');
            }
        }

        text.Append('\n').Append(closing).Append('\n');

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(lang).Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Encode(subject)).Append("</title>\n</head>\n");
        html.Append("<body style=\"font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #1a1a1a;\">\n");
        html.Append("<p>").Append(Encode(greeting)).Append("</p>\n<p>").Append(Encode(intro)).Append("</p>\n<ul>\n");
        foreach (var item in items)
        {
            html.Append("<li><span>").Append(Encode(TemplateFormatter.DateTime(item.OccurredAt, lang, zone))).Append("</span>: <strong>").Append(Encode(item.Subject)).Append("</strong>");
            if (!string.IsNullOrWhiteSpace(item.Detail))
            {
                html.Append("<br>").Append(Encode(item.Detail));
            }

            if (!string.IsNullOrWhiteSpace(item.Url))
            {
                html.Append("<br><a href=\"").Append(Encode(item.Url)).Append("\">").Append(Encode(open)).Append("</a>");
            }

            html.Append("</li>\n");
        }

        html.Append("</ul>\n<p>").Append(Encode(closing).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>\n</body>\n</html>\n");
        return new OutboxMail([new MailAddress(recipient.Email, recipient.DisplayName)], subject, text.ToString(), html.ToString());
    }

    private static string Encode(string value) => HtmlEncodingTemplateContext.Encode(value);

    /// <summary>
    /// The user's digest items of <paramref name="run"/>'s slot, oldest first. Found by user and creation time (an item is
    /// written before its slot; the lower bound keeps the scan to a day), then matched on the slot in the payload.
    /// </summary>
    private static async Task<IReadOnlyList<DigestItem>> ItemsAsync(DbContext db, Guid networkId, DigestRun run, CancellationToken cancellationToken)
    {
        var column = NotificationBatch.UserColumn(run.UserId);
        var earliest = run.Slot - TimeSpan.FromDays(2);
        var latest = run.Slot + DigestSchedule.Grace;
        var rows = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.NetworkId == networkId && m.EventType == OutboxEventTypes.DigestItem && m.Recipients == column
                        && m.CreatedAt >= earliest && m.CreatedAt <= latest)
            .Select(m => new { m.PayloadJson, m.CreatedAt })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return rows
            .Select(r => JsonSerializer.Deserialize<DigestItem>(r.PayloadJson, PayloadJson))
            .Where(i => i is not null && i.UserId == run.UserId && i.Slot == run.Slot)
            .Select(i => i!)
            .OrderBy(i => i.OccurredAt)
            .ToList();
    }
}
