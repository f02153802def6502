using System.Text.Json;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Outbox.Events;
using Expertennetzwerk.Module.Ports;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Messaging;

/// <summary>
/// Writes a digital message into a unit of work: the message (with its attachments' references), the order's history
/// entry recording it (without its text), the delivery row for <see cref="IDigitalMessageChannel"/> and the
/// <see cref="OutboxEventTypes.MessageSent"/> event for the notification planner. Nothing is saved here: the caller
/// saves once, so everything commits together or not at all.
/// </summary>
internal static class DigitalMessages
{
    /// <summary>Longest text a user may send.</summary>
    public const int MaxTextLength = 10_000;

    /// <summary>Longest text the store takes at all (a rendered consent text may be longer than a user's message).</summary>
    public const int MaxStoredTextLength = 50_000;

    /// <summary>Longest subject, data subject's name.</summary>
    public const int MaxSubjectLength = 200;

    /// <summary>Longest data subject's address.</summary>
    public const int MaxAddressLength = 320;

    /// <summary>The history event of a message (the text stays out of the history: personal data never enter it, see docs/design.md).</summary>
    public const string HistoryEvent = MessageSentEvent.HistoryEvent;

    /// <summary>
    /// Stores a consent request to a data subject as a digital message of the order, inside the CALLER's unit of work
    /// (for the consent feature: "the data subject receives it as a digital message").
    /// </summary>
    /// <remarks>
    /// <paramref name="order"/> must be tracked by <paramref name="db"/> (loaded in this unit of work): this increments its
    /// <see cref="ExpertOrder.HistoryCount"/> and adds a <c>MessageSent</c> history entry (no text), the message
    /// (<see cref="DigitalMessageKind.ConsentRequest"/>, no recipient party), one <see cref="OutboxEventTypes.DigitalMessage"/>
    /// delivery row (recipients <c>data-subject:{messageId}</c>, key <c>{orderId:N}:message:{messageId:N}:data-subject</c>)
    /// and one <see cref="OutboxEventTypes.MessageSent"/> event row (ids only, <c>kind = "ConsentRequest"</c>, so the
    /// planner can leave the mail with the link to the consent feature). It neither touches the order's
    /// <see cref="ExpertOrder.Version"/> nor saves: the caller's single <c>SaveChanges</c> commits it with everything
    /// else, and a lost race surfaces there (the history's unique (order, sequence) key). Works in any state, also in
    /// Draft (consent comes before Place). The arguments come from the consent feature, not from a user: a value out of
    /// bounds is a programming error and throws.
    /// </remarks>
    /// <returns>The added message (its <see cref="DigitalMessage.Id"/> can be kept with the consent request).</returns>
    public static DigitalMessage AddConsentRequest(
        DbContext db, ExpertOrder order, Actor actor, string recipientName, string? recipientAddress, string subject, string text, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(time);
        if (db.Entry(order).State == EntityState.Detached)
        {
            throw new InvalidOperationException("The order must be tracked by the unit of work's context (load it there).");
        }

        recipientName = Checked(recipientName, MaxSubjectLength, nameof(recipientName))!;
        recipientAddress = string.IsNullOrWhiteSpace(recipientAddress) ? null : Checked(recipientAddress, MaxAddressLength, nameof(recipientAddress));
        subject = Checked(subject, MaxSubjectLength, nameof(subject))!;
        text = Checked(text, MaxStoredTextLength, nameof(text))!;
        return Append(db, order, actor, DigitalMessageKind.ConsentRequest, null, recipientName, recipientAddress, subject, text, [], null, time);
    }

    /// <summary>Adds a thread message to the party on the other side, and counts it for that party's unread counts.</summary>
    public static async Task<DigitalMessage> AddThreadMessageAsync(
        DbContext db, ExpertOrder order, Actor actor, Guid recipientPartyId, string text, IReadOnlyList<StoredUpload> attachments, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var message = Append(db, order, actor, DigitalMessageKind.Thread, recipientPartyId, null, null, null, text, attachments, null, time);
        await CountReceivedAsync(db, order, recipientPartyId, message, cancellationToken).ConfigureAwait(false);
        return message;
    }

    /// <summary>
    /// Adds a <see cref="DigitalMessageKind.SystemNotice"/> of the network to one party of the order, inside the CALLER's
    /// unit of work (the workflow command that caused it), counted for the party's unread counts and with its delivery row
    /// for <see cref="IDigitalMessageChannel"/>. It is recorded by the command's own history entry
    /// (<paramref name="historySequence"/>) and writes no <c>message.sent</c> event: the command's state-change event
    /// already plans the mails. Being part of the command's commit, a redelivered event can never add it twice.
    /// </summary>
    /// <param name="db">The caller's context (nothing is saved).</param>
    /// <param name="order">The order, tracked by <paramref name="db"/>.</param>
    /// <param name="recipientPartyId">The receiving party.</param>
    /// <param name="historySequence">The causing command's history entry.</param>
    /// <param name="subject">The subject (cut to the longest subject).</param>
    /// <param name="text">The text.</param>
    /// <param name="time">The clock.</param>
    /// <param name="opensThread">
    /// True when this notice opens the party's thread on the order (Place's notice to the expert it assigns: before Place
    /// no message can reach the order's expert), so its counter row is new and need not be looked up.
    /// </param>
    /// <param name="cancellationToken">Cancels the counter's lookup.</param>
    public static async Task<DigitalMessage> AddSystemNoticeAsync(
        DbContext db, ExpertOrder order, Guid recipientPartyId, int historySequence, string subject, string text, TimeProvider time,
        bool opensThread, CancellationToken cancellationToken)
    {
        subject = subject.Length > MaxSubjectLength ? subject[..MaxSubjectLength] : subject;
        var message = Append(
            db, order, Actor.System(order.NetworkId), DigitalMessageKind.SystemNotice, recipientPartyId, null, null, subject, text, [], historySequence, time);
        if (opensThread)
        {
            Count(db.Add(new DigitalMessageThreadCount(order.NetworkId, recipientPartyId, order.Id)).Entity, message);
        }
        else
        {
            await CountReceivedAsync(db, order, recipientPartyId, message, cancellationToken).ConfigureAwait(false);
        }

        return message;
    }

    private static async Task CountReceivedAsync(DbContext db, ExpertOrder order, Guid recipientPartyId, DigitalMessage message, CancellationToken cancellationToken)
    {
        var count = await db.Set<DigitalMessageThreadCount>()
            .FindAsync([order.NetworkId, recipientPartyId, order.Id], cancellationToken).ConfigureAwait(false);
        if (count is null)
        {
            count = new DigitalMessageThreadCount(order.NetworkId, recipientPartyId, order.Id);
            db.Add(count);
        }

        Count(count, message);
    }

    private static void Count(DigitalMessageThreadCount count, DigitalMessage message)
    {
        // Safe without an atomic increment: every message of the order also moves its HistoryCount, so two racing
        // messages collide on the history's unique (order, sequence) key and one of them is retried.
        count.ReceivedCount++;
        count.LastReceivedAt = message.SentAt;
    }

    /// <summary>The subject of a thread message's delivery (German, the module's default language).</summary>
    public static string ThreadSubject(string orderNumber) => $"Neue Nachricht zum Auftrag {orderNumber}";

    private static DigitalMessage Append(
        DbContext db, ExpertOrder order, Actor actor, DigitalMessageKind kind, Guid? recipientPartyId, string? recipientName, string? recipientAddress,
        string? subject, string text, IReadOnlyList<StoredUpload> attachments, int? historySequence, TimeProvider time)
    {
        var now = time.GetUtcNow();
        int sequence;
        if (historySequence is { } recorded)
        {
            sequence = recorded; // a system notice: the causing command's entry records it
        }
        else
        {
            // Like an operator's look (ExpertOrderQueries.GetOrderAsync): a message is history but not a change of the
            // order, so Version and UpdatedAt stay and the parties' expected versions remain valid. The sequence still
            // cannot be reused by a racing command: the history's unique (order, sequence) key fails the later commit.
            sequence = OrderHistory.AppendRecord(db, order, actor, HistoryEvent, null, now, time).Sequence;
        }

        var message = new DigitalMessage(
            Ids.New(time), order.NetworkId, order.Id, sequence, kind, actor.UserId, actor.PartyId, actor.PartyKind,
            recipientPartyId, recipientName, recipientAddress, subject, text, now);
        foreach (var stored in attachments)
        {
            message.Attach(new DigitalMessageAttachment(
                Ids.New(time), order.NetworkId, stored.DocumentId, InputText.Trim(stored.Upload.FileName), stored.Upload.ContentType.Trim(), stored.Upload.Content.Length));
        }

        db.Add(message);

        // The delivery row carries the text: it IS the delivery (to the host's inbox or app). The event row carries ids only.
        var recipients = recipientPartyId is { } party ? $"party:{party:D}" : $"data-subject:{message.Id:D}";
        var deliveryKey = $"{order.Id:N}:message:{message.Id:N}:" + (recipientPartyId is { } p ? p.ToString("N") : "data-subject");
        var delivery = new DigitalMessageDelivery(
            deliveryKey, order.NetworkId, order.Id, message.Id, null, recipientPartyId, subject ?? ThreadSubject(order.Number), text);
        db.Add(new OutboxMessage(
            Ids.New(time), order.NetworkId, order.Id, OutboxEventTypes.DigitalMessage, recipients, JsonSerializer.Serialize(delivery), deliveryKey, now));
        if (kind == DigitalMessageKind.SystemNotice)
        {
            return message;
        }

        var evt = new MessageSentEvent(
            order.Id, order.Number, message.Id, kind.ToString(), actor.UserId, actor.PartyId, actor.PartyKind.ToString(), recipientPartyId, sequence, message.AttachmentCount);
        db.Add(new OutboxMessage(
            Ids.New(time), order.NetworkId, order.Id, OutboxEventTypes.MessageSent, recipients, OutboxPayloads.Serialize(evt), evt.IdempotencyKey(), now));
        return message;
    }

    private static string? Checked(string? value, int max, string name)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("A value is required.", name);
        }

        if (trimmed.Length > max)
        {
            throw new ArgumentException($"At most {max} characters.", name);
        }

        return trimmed;
    }
}

/// <summary>An upload already saved in the <see cref="IDocumentStore"/>, with the id the store gave it.</summary>
internal readonly record struct StoredUpload(DocumentUpload Upload, Guid DocumentId);
