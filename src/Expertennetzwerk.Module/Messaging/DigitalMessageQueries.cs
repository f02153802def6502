using System.Text;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Diagnostics;
using Expertennetzwerk.Module.Messaging.Queries;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Listing;
using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Persistence.Dialects;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Messaging;

/// <summary>
/// Reads digital messages as one actor may see them: an order's thread (keyset paged, newest first), a user's inbox
/// across the orders of the party it acts for (newest first, optionally unread only) and the user's unread counts.
/// The operator reads a thread only with a recorded purpose, which is historised on the order.
/// </summary>
public sealed class DigitalMessageQueries
{
    private readonly RefusalDescriber _refusals;
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Longest recorded purpose of an operator's access.</summary>
    public const int MaxPurposeLength = ExpertOrderQueries.MaxPurposeLength;

    /// <summary>The history event of an operator's reading of a thread (its text is the purpose).</summary>
    public const string OperatorAccessEvent = "OperatorMessageAccess";

    private readonly IModuleDbContextFactory _factory;
    private readonly ActorVerifier _actors;
    private readonly CursorProtector _cursors;
    private readonly TimeProvider _time;

    internal DigitalMessageQueries(IModuleDbContextFactory factory, ActorVerifier actors, CursorProtector cursors, TimeProvider time, RefusalDescriber refusals)
    {
        _refusals = refusals;
        _factory = factory;
        _actors = actors;
        _cursors = cursors;
        _time = time;
    }

    /// <summary>
    /// One page of the order's thread, newest first, with the reading user's unread count. Broker and expert parties of
    /// the order read it from Placed on; the operator needs <see cref="ThreadQuery.OperatorAccessPurpose"/>
    /// (<c>message.purpose_required</c> otherwise), and reading the first page records the purpose in the history.
    /// </summary>
    public async Task<Result<MessageThreadPage>> ListThreadAsync(Actor actor, Guid orderId, ThreadQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<DigitalMessageQueries>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<MessageThreadPage>.From(Result.Forbidden());
        }

        await using var db = _factory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false); // one connection for the whole unit of work
        var order = await db.Set<ExpertOrder>()
            .SingleOrDefaultAsync(o => o.Id == orderId && o.NetworkId == actor.NetworkId, cancellationToken).ConfigureAwait(false);
        if (ThreadAccess.CheckReader(order, actor, out var role) is { } failure)
        {
            return Result<MessageThreadPage>.From(_refusals.Describe(failure));
        }

        var isOperator = role == OrderRole.Operator;
        var errors = new List<FieldError>();
        var purposeError = InputText.Check(query.OperatorAccessPurpose, "purpose", MaxPurposeLength, required: false, singleLine: false, out var purpose);
        if (isOperator && purposeError is null && purpose is null)
        {
            return Result<MessageThreadPage>.From(_refusals.Refused(MessageRefusals.PurposeRequired));
        }

        if (query.PageSize is < 1 or > MaxPageSize)
        {
            errors.Add(InputErrors.OutOfRange("pageSize", 1, MaxPageSize));
        }

        if (isOperator && purposeError is not null)
        {
            errors.Add(purposeError);
        }

        var filterHash = FilterHash("thread", actor, orderId, query.PageSize, false, isOperator ? purpose : null);
        var before = _cursors.ReadSequence(query.Cursor, filterHash, errors);

        if (errors.Count > 0)
        {
            return Result<MessageThreadPage>.From(Result.Invalid(errors));
        }

        if (isOperator && before is null)
        {
            // Opening the thread is history: who read which order's messages, when and why. Later pages continue that
            // access (their cursor is bound to the operator, the order and the purpose). Like GetOrderAsync's look, it is
            // not a change of the order (Version and UpdatedAt stay).
            if (await OperatorAccess.RecordAsync(db, _factory, order!, actor, OperatorAccessEvent, purpose!, _time, cancellationToken).ConfigureAwait(false) is { } accessFailure)
            {
                return Result<MessageThreadPage>.From(accessFailure);
            }
        }

        var networkId = order!.NetworkId;
        var messages = db.Set<DigitalMessage>().AsNoTracking()
            .Where(m => m.NetworkId == networkId && m.OrderId == orderId
                    && (m.Kind == DigitalMessageKind.Thread || m.Kind == DigitalMessageKind.SystemNotice)); // the parties' messages
        if (before is { } b)
        {
            messages = SqlDialect.For(db).WhereBefore(messages, m => m.Sequence, b);
        }

        var rows = await messages.OrderByDescending(m => m.Sequence).Take(query.PageSize + 1)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var next = KeysetPage.Trim(rows, query.PageSize, last => _cursors.Protect(new KeysetSequence(last.Sequence), filterHash));

        var readUpTo = 0;
        var unread = 0;
        if (!isOperator)
        {
            var partyId = actor.PartyId;
            var userId = actor.UserId;
            var mark = await db.Set<DigitalMessageReadMark>().AsNoTracking()
                .SingleOrDefaultAsync(r => r.NetworkId == networkId && r.PartyId == partyId && r.UserId == userId && r.OrderId == orderId, cancellationToken)
                .ConfigureAwait(false);
            var received = await db.Set<DigitalMessageThreadCount>().AsNoTracking()
                .Where(c => c.NetworkId == networkId && c.PartyId == partyId && c.OrderId == orderId)
                .Select(c => c.ReceivedCount).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            readUpTo = mark?.ReadUpToSequence ?? 0;
            unread = Math.Max(0, received - (mark?.ReadCount ?? 0));
        }

        var attachments = await AttachmentsAsync(db, rows, cancellationToken).ConfigureAwait(false);
        var items = rows.Select(m => Item(
                m, order.Number, !isOperator && m.RecipientPartyId == actor.PartyId && m.Sequence > readUpTo, attachments))
            .ToList();
        return new MessageThreadPage(items, next, unread);
    }

    /// <summary>
    /// The consent requests the order's data subjects were sent as digital messages, newest first (at most
    /// <see cref="MaxPageSize"/>): for the owning broker party, also while the order is a draft; the operator needs
    /// <paramref name="operatorAccessPurpose"/>, which is historised like a thread read. Nobody else reads them.
    /// </summary>
    public async Task<Result<IReadOnlyList<DigitalMessageItem>>> ListConsentRequestsAsync(
        Actor actor, Guid orderId, string? operatorAccessPurpose = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<DigitalMessageQueries>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<IReadOnlyList<DigitalMessageItem>>.From(Result.Forbidden());
        }

        await using var db = _factory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false); // one connection for the whole unit of work
        var (order, role) = await OrderAccess.FindAsync(db, actor, orderId, cancellationToken).ConfigureAwait(false);
        switch (role)
        {
            case OrderRole.None:
                return Result<IReadOnlyList<DigitalMessageItem>>.From(Result.NotFound());
            case OrderRole.OwningBroker:
                break;
            case OrderRole.Operator:
                if (InputText.Check(operatorAccessPurpose, "purpose", MaxPurposeLength, required: false, singleLine: false, out var purpose) is { } purposeError)
                {
                    return Result<IReadOnlyList<DigitalMessageItem>>.From(Result.Invalid([purposeError]));
                }

                if (purpose is null)
                {
                    return Result<IReadOnlyList<DigitalMessageItem>>.From(_refusals.Refused(MessageRefusals.PurposeRequired));
                }

                if (await OperatorAccess.RecordAsync(db, _factory, order!, actor, OperatorAccessEvent, purpose, _time, cancellationToken).ConfigureAwait(false) is { } failure)
                {
                    return Result<IReadOnlyList<DigitalMessageItem>>.From(failure);
                }

                break;
            default:
                return Result<IReadOnlyList<DigitalMessageItem>>.From(_refusals.Refused(MessageRefusals.NotAParticipant));
        }

        var networkId = order!.NetworkId;
        var rows = await db.Set<DigitalMessage>().AsNoTracking()
            .Where(m => m.NetworkId == networkId && m.OrderId == orderId && m.Kind == DigitalMessageKind.ConsentRequest)
            .OrderByDescending(m => m.Sequence).Take(MaxPageSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var attachments = await AttachmentsAsync(db, rows, cancellationToken).ConfigureAwait(false);
        return Result<IReadOnlyList<DigitalMessageItem>>.Ok(rows.Select(m => Item(m, order.Number, false, attachments)).ToList());
    }

    /// <summary>
    /// One page of the messages the actor's party received across its orders, newest first; with
    /// <see cref="InboxQuery.UnreadOnly"/> only those the acting user has not marked read. Broker and expert users only.
    /// A message of an order whose personal data the reader may no longer see (<see cref="PersonalDataAccess"/>: the
    /// expert after a consent withdrawal) is listed without subject, text and attachments.
    /// </summary>
    public async Task<Result<InboxPage>> ListInboxAsync(Actor actor, InboxQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<DigitalMessageQueries>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<InboxPage>.From(Result.Forbidden());
        }

        if (actor.PartyKind is not (PartyKind.Broker or PartyKind.Expert))
        {
            return Result<InboxPage>.From(_refusals.Refused(MessageRefusals.NotAParticipant));
        }

        var errors = new List<FieldError>();
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            errors.Add(InputErrors.OutOfRange("pageSize", 1, MaxPageSize));
        }

        var filterHash = FilterHash("inbox", actor, Guid.Empty, query.PageSize, query.UnreadOnly, null);
        var position = _cursors.Read(query.Cursor, filterHash, errors);

        if (errors.Count > 0)
        {
            return Result<InboxPage>.From(Result.Invalid(errors));
        }

        await using var db = _factory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false); // one connection for the whole unit of work
        var networkId = actor.NetworkId;
        var partyId = actor.PartyId;
        var userId = actor.UserId;
        var messages = db.Set<DigitalMessage>().AsNoTracking().Where(m => m.NetworkId == networkId && m.RecipientPartyId == partyId);
        if (query.UnreadOnly)
        {
            // Walks the party's messages newest first (index NetworkId, RecipientPartyId, SentAt, Id) and probes the read
            // mark of each one's order by its key; unread messages are the newest, so a page is found early.
            var marks = db.Set<DigitalMessageReadMark>();
            messages = messages.Where(m => !marks.Any(r =>
                r.NetworkId == networkId && r.PartyId == partyId && r.UserId == userId && r.OrderId == m.OrderId && r.ReadUpToSequence >= m.Sequence));
        }

        if (position is { } p)
        {
            messages = SqlDialect.For(db).WhereBefore(messages, m => m.SentAt, m => m.Id, p);
        }

        var rows = await messages.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Take(query.PageSize + 1)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var next = KeysetPage.Trim(rows, query.PageSize, last => _cursors.Protect(new KeysetPosition(last.SentAt, last.Id), filterHash));

        var orderIds = rows.Select(m => m.OrderId).Distinct().ToList();
        var readUpTo = await db.Set<DigitalMessageReadMark>().AsNoTracking()
            .Where(r => r.NetworkId == networkId && r.PartyId == partyId && r.UserId == userId && orderIds.Contains(r.OrderId))
            .ToDictionaryAsync(r => r.OrderId, r => r.ReadUpToSequence, cancellationToken).ConfigureAwait(false);
        var orders = await db.Set<ExpertOrder>().AsNoTracking()
            .Where(o => o.NetworkId == networkId && orderIds.Contains(o.Id))
            .Select(o => new { o.Id, o.Number, o.DataProcessingBlocked })
            .ToDictionaryAsync(o => o.Id, cancellationToken).ConfigureAwait(false);
        var role = PersonalDataAccess.ListRole(actor.PartyKind);
        var shown = rows.Where(m => orders.TryGetValue(m.OrderId, out var o) && PersonalDataAccess.Allows(role, o.DataProcessingBlocked)).ToList();
        var attachments = await AttachmentsAsync(db, shown, cancellationToken).ConfigureAwait(false);
        var shownIds = shown.Select(m => m.Id).ToHashSet();
        var items = rows.Select(m =>
            {
                var item = Item(m, orders.TryGetValue(m.OrderId, out var o) ? o.Number : string.Empty, m.Sequence > readUpTo.GetValueOrDefault(m.OrderId), attachments);
                return shownIds.Contains(m.Id) ? item : item with { RecipientName = null, RecipientAddress = null, Subject = null, Text = string.Empty, Attachments = [] };
            })
            .ToList();
        var total = await UnreadTotalAsync(db, networkId, partyId, userId, cancellationToken).ConfigureAwait(false);
        return new InboxPage(items, next, total);
    }

    /// <summary>
    /// The acting user's unread messages (for the party it acts for): the total and per order. A subtraction per thread
    /// (messages received by the party minus those the user read), never a scan of messages.
    /// </summary>
    public async Task<Result<UnreadCounts>> GetUnreadCountsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<DigitalMessageQueries>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<UnreadCounts>.From(Result.Forbidden());
        }

        if (actor.PartyKind is not (PartyKind.Broker or PartyKind.Expert))
        {
            return Result<UnreadCounts>.From(_refusals.Refused(MessageRefusals.NotAParticipant));
        }

        await using var db = _factory.CreateDbContext();
        var networkId = actor.NetworkId;
        var partyId = actor.PartyId;
        var userId = actor.UserId;
        var counts = db.Set<DigitalMessageThreadCount>().AsNoTracking().Where(c => c.NetworkId == networkId && c.PartyId == partyId);
        var marks = db.Set<DigitalMessageReadMark>().AsNoTracking().Where(r => r.NetworkId == networkId && r.PartyId == partyId && r.UserId == userId);
        var rows = await (
                from c in counts
                join r in marks on c.OrderId equals r.OrderId into read
                from r in read.DefaultIfEmpty()
                select new { c.OrderId, Unread = c.ReceivedCount - (r == null ? 0 : r.ReadCount), c.LastReceivedAt })
            .Where(x => x.Unread > 0)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byOrder = rows.OrderByDescending(x => x.LastReceivedAt).ThenBy(x => x.OrderId)
            .Select(x => new OrderUnreadCount(x.OrderId, x.Unread, x.LastReceivedAt)).ToList();
        return new UnreadCounts(byOrder.Sum(x => x.Unread), byOrder);
    }

    private static async Task<int> UnreadTotalAsync(DbContext db, Guid networkId, Guid partyId, Guid userId, CancellationToken cancellationToken)
    {
        var received = await db.Set<DigitalMessageThreadCount>().Where(c => c.NetworkId == networkId && c.PartyId == partyId)
            .SumAsync(c => c.ReceivedCount, cancellationToken).ConfigureAwait(false);
        var read = await db.Set<DigitalMessageReadMark>().Where(r => r.NetworkId == networkId && r.PartyId == partyId && r.UserId == userId)
            .SumAsync(r => r.ReadCount, cancellationToken).ConfigureAwait(false);
        return Math.Max(0, received - read);
    }

    private static async Task<ILookup<Guid, MessageAttachmentInfo>> AttachmentsAsync(DbContext db, IReadOnlyList<DigitalMessage> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Where(m => m.AttachmentCount > 0).Select(m => m.Id).ToList();
        if (ids.Count == 0)
        {
            return Array.Empty<MessageAttachmentInfo>().ToLookup(_ => Guid.Empty);
        }

        var attachments = await db.Set<DigitalMessageAttachment>().AsNoTracking().Where(a => ids.Contains(a.MessageId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return attachments.OrderBy(a => a.Id)
            .ToLookup(a => a.MessageId, a => new MessageAttachmentInfo(a.Id, a.DocumentId, a.FileName, a.ContentType, a.Length));
    }

    private static DigitalMessageItem Item(DigitalMessage m, string orderNumber, bool isUnread, ILookup<Guid, MessageAttachmentInfo> attachments) =>
        new(m.Id, m.OrderId, orderNumber, m.Sequence, m.Kind, m.SentAt, m.SenderUserId, m.SenderPartyId, m.SenderPartyKind, m.RecipientPartyId,
            m.RecipientName, m.RecipientAddress, m.Subject, m.Text, isUnread, attachments[m.Id].ToList());

    private static ulong FilterHash(string list, Actor actor, Guid orderId, int pageSize, bool unreadOnly, string? purpose)
    {
        var text = new StringBuilder()
            .Append(list).Append('|').Append(actor.NetworkId).Append('|').Append(actor.PartyId).Append('|').Append(actor.PartyKind).Append('|')
            .Append(actor.UserId).Append('|').Append(orderId).Append('|').Append(pageSize).Append('|').Append(unreadOnly).Append('|').Append(purpose);
        return CursorProtector.FilterHash(text.ToString());
    }
}
