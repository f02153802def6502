using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Notifications;

/// <summary>
/// The notifications planned for one event row, turned into follow-up rows: a mail row per recipient who wants it now,
/// a digest item (and the user's digest row for that slot) per recipient who wants the digest (digital messages are written
/// by the commands themselves). Every row's key is <c>{event key}:{recipient}:{channel}</c>; keys already in the outbox are skipped, so a
/// replanned event (after a crash between delivery and mark) queues nothing twice.
/// </summary>
internal sealed class NotificationBatch
{
    /// <summary>Longest idempotency key the outbox stores; longer keys are replaced by their SHA-256.</summary>
    internal const int MaxKeyLength = 200;

    private readonly OutboxDeliveryContext _context;
    private readonly TimeProvider _time;
    private readonly int _digestHour;
    private readonly List<PlannedMail> _mails = [];

    public NotificationBatch(OutboxDeliveryContext context, TimeProvider time, int digestHour)
    {
        _context = context;
        _time = time;
        _digestHour = digestHour;
    }

    private OutboxMessage Event => _context.Message;

    /// <summary>
    /// A mail to <paramref name="recipient"/>. <paramref name="token"/> names the recipient in the key (e.g.
    /// <c>broker-{userId:N}</c>); <paramref name="kind"/> null means always immediate (e.g. a data subject).
    /// </summary>
    public void Mail(string token, Recipient recipient, NotificationKind? kind, string subject, string text, string? html, DateTimeOffset occurredAt, string? detail = null, string? url = null, string? recipientsColumn = null) =>
        _mails.Add(new PlannedMail(token, recipient, kind, subject, text, html, occurredAt, detail, url, recipientsColumn ?? Column(recipient)));

    /// <summary>Turns the plan into rows and queues those whose key is new; answers how many were queued.</summary>
    public async Task<int> EnqueueAsync(CancellationToken cancellationToken)
    {
        var db = _context.Db;
        var now = _time.GetUtcNow();
        var rows = new List<OutboxMessage>();

        var userIds = _mails.Where(m => m.Kind is not null && m.Recipient.UserId is not null).Select(m => m.Recipient.UserId!.Value).Distinct().ToList();
        var preferences = await NotificationPreferences.LoadAsync(db, Event.NetworkId, userIds, cancellationToken).ConfigureAwait(false);
        DateTimeOffset? slot = null;

        foreach (var mail in _mails)
        {
            var delivery = mail.Kind is { } kind && mail.Recipient.UserId is { } userId
                ? preferences.GetValueOrDefault((userId, kind), NotificationDelivery.Immediate)
                : NotificationDelivery.Immediate;
            if (delivery == NotificationDelivery.Immediate)
            {
                var payload = new OutboxMail([new MailAddress(mail.Recipient.Email, mail.Recipient.DisplayName)], mail.Subject, mail.Text, mail.Html);
                rows.Add(Row(OutboxEventTypes.Mail, mail.RecipientsColumn, JsonSerializer.Serialize(payload), Key($"{Event.IdempotencyKey}:{mail.Token}:mail"), now));
                continue;
            }

            slot ??= await NextSlotAsync(db, now, cancellationToken).ConfigureAwait(false);
            var user = mail.Recipient.UserId!.Value;
            var item = new DigestItem(user, mail.Kind!.Value, slot.Value, mail.Subject, mail.Detail, mail.Url, mail.OccurredAt);
            var itemRow = Row(OutboxEventTypes.DigestItem, UserColumn(user), JsonSerializer.Serialize(item), Key($"{Event.IdempotencyKey}:{mail.Token}:digest"), now);
            itemRow.DueAt = slot.Value;
            rows.Add(itemRow);
            var run = new DigestRun(user, slot.Value);
            var digest = new OutboxMessage(Ids.New(_time), Event.NetworkId, null, OutboxEventTypes.Digest, UserColumn(user),
                JsonSerializer.Serialize(run), run.IdempotencyKey(), now)
            {
                DueAt = slot.Value + DigestSchedule.Grace,
            };
            rows.Add(digest);
        }

        var distinct = rows.DistinctBy(r => r.IdempotencyKey, StringComparer.Ordinal).ToList();
        var queued = _context.FollowUps.Select(f => f.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        var keys = distinct.Select(r => r.IdempotencyKey).ToList();
        var existing = keys.Count == 0
            ? []
            : await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => keys.Contains(m.IdempotencyKey))
                .Select(m => m.IdempotencyKey)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
        queued.UnionWith(existing);

        var count = 0;
        foreach (var row in distinct.Where(r => !queued.Contains(r.IdempotencyKey)))
        {
            _context.Enqueue(row);
            count++;
        }

        return count;
    }

    /// <summary>The recipients column of a user's rows.</summary>
    internal static string UserColumn(Guid userId) => $"user:{userId:D}";

    /// <summary><paramref name="key"/> itself, or <c>sha256:{hex}</c> of it when longer than the outbox stores.</summary>
    internal static string Key(string key) =>
        key.Length <= MaxKeyLength ? key : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Column(Recipient recipient) =>
        recipient.UserId is { } user ? UserColumn(user) : recipient.PartyId is { } party ? $"party:{party:D}" : "external";

    private OutboxMessage Row(string eventType, string recipients, string payload, string key, DateTimeOffset now) =>
        new(Ids.New(_time), Event.NetworkId, Event.OrderId, eventType, recipients, payload, key, now);

    private async Task<DateTimeOffset> NextSlotAsync(DbContext db, DateTimeOffset now, CancellationToken cancellationToken) =>
        DigestSchedule.NextSlot(now, await NetworkTimeZone.OfAsync(db, Event.NetworkId, cancellationToken).ConfigureAwait(false), _digestHour);

    private sealed record PlannedMail(string Token, Recipient Recipient, NotificationKind? Kind, string Subject, string Text, string? Html, DateTimeOffset OccurredAt, string? Detail, string? Url, string RecipientsColumn);

}
