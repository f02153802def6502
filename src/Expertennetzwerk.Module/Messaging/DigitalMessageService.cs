using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Diagnostics;
using Expertennetzwerk.Module.Documents;
using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Messaging;

/// <summary>
/// The digital message commands: send a message in an order's thread (broker party ↔ assigned expert party, from
/// Placed on) and mark a thread read. One command, one commit: the message, its history entry (no text), the delivery
/// row for <see cref="IDigitalMessageChannel"/> and the <c>message.sent</c> event are saved together.
/// </summary>
/// <remarks>
/// A message is not a change of the order: its <see cref="ExpertOrder.Version"/> and <see cref="ExpertOrder.UpdatedAt"/>
/// stay, so a workflow command's expected version is not invalidated by a message. The history sequence is still
/// unique per order: a message racing another command loses on the history's unique (order, sequence) key and is
/// retried with the order read again (up to <see cref="MaxAttempts"/> times), so senders do not see that race.
/// </remarks>
public sealed class DigitalMessageService
{
    private readonly RefusalDescriber _refusals;
    /// <summary>Longest message text.</summary>
    public const int MaxTextLength = DigitalMessages.MaxTextLength;

    /// <summary>Most attachments on one message.</summary>
    public const int MaxAttachments = 10;

    /// <summary>How often a command that lost a race with another command of the same order is tried.</summary>
    public const int MaxAttempts = OrderConcurrency.MaxAttempts;

    private readonly IModuleDbContextFactory _factory;
    private readonly ActorVerifier _actors;
    private readonly IDocumentStore _documents;
    private readonly TimeProvider _time;
    private readonly ExpertennetzwerkOptions _options;
    private readonly ILogger<DigitalMessageService> _logger;

    internal DigitalMessageService(
        IModuleDbContextFactory factory, ActorVerifier actors, IDocumentStore documents, TimeProvider time, IOptions<ExpertennetzwerkOptions> options, ILogger<DigitalMessageService> logger,
        RefusalDescriber refusals)
    {
        _refusals = refusals;
        _factory = factory;
        _actors = actors;
        _documents = documents;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>
    /// Sends a message to the other party of the order's thread, optionally with files. Answers NotFound for an order
    /// the actor cannot see, Refused for a draft (<c>message.thread_not_open</c>) or the operator
    /// (<c>message.operator_cannot_send</c>), ValidationFailed for an empty or too long text or a refused file; in
    /// every such case nothing is written.
    /// </summary>
    public async Task<Result<SentMessage>> SendAsync(
        Actor actor, Guid orderId, string text, IReadOnlyList<DocumentUpload>? attachments = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<DigitalMessageService>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<SentMessage>.From(Result.Forbidden());
        }

        attachments ??= [];
        var errors = new List<FieldError>();
        var trimmed = InputText.Required(text, "text", MaxTextLength, errors);

        errors.AddRange(AttachmentValidation.Validate(attachments, MaxAttachments, _options));

        // Files are stored before the save (the default store uses its own connection, which on SQLite would wait for
        // this command's write lock) and only once across attempts; the staging deletes them again unless we commit.
        await using var staging = new DocumentStaging(_documents, actor.NetworkId);
        return await OrderConcurrency.RetryOnConflictAsync<Result<SentMessage>>(async _ =>
        {
            await using var db = _factory.CreateDbContext();
            var order = await db.Set<ExpertOrder>()
                .SingleOrDefaultAsync(o => o.Id == orderId && o.NetworkId == actor.NetworkId, cancellationToken).ConfigureAwait(false);

            // Visibility first (a stranger learns nothing, not even from an input error), then state, then input.
            if (ThreadAccess.CheckSender(order, actor, out var recipientPartyId) is { } failure)
            {
                return Result<SentMessage>.From(_refusals.Describe(failure));
            }

            if (errors.Count > 0)
            {
                return Result<SentMessage>.From(Result.Invalid(errors));
            }

            var stored = await staging.StoreAllAsync(attachments, cancellationToken).ConfigureAwait(false);
            var (loadedVersion, loadedHistoryCount) = (order!.Version, order.HistoryCount);
            var message = await DigitalMessages.AddThreadMessageAsync(db, order, actor, recipientPartyId, trimmed, stored, _time, cancellationToken)
                .ConfigureAwait(false);
            if (!await OrderConcurrency.SaveOrConflictAsync(db, _factory, orderId, loadedVersion, loadedHistoryCount, _logger, cancellationToken).ConfigureAwait(false))
            {
                return Result<SentMessage>.From(Result.Conflict()); // another command of the order committed first: read it again
            }

            staging.Accept();
            return new SentMessage(message.Id, order.Id, message.Sequence, message.SentAt);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Marks the order's thread read for the acting user (for the party it acts for): every message up to and including
    /// <paramref name="upToMessageId"/>, or all when it is null. Idempotent, and never moves backwards: marking an
    /// older message read again changes nothing. Answers the order's remaining unread count.
    /// </summary>
    public async Task<Result<ThreadReadState>> MarkReadAsync(Actor actor, Guid orderId, Guid? upToMessageId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<DigitalMessageService>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<ThreadReadState>.From(Result.Forbidden());
        }

        return await OrderConcurrency.RetryOnConflictAsync<Result<ThreadReadState>>(async attempt =>
        {
            await using var db = _factory.CreateDbContext();
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false); // one connection for the whole unit of work
            var order = await db.Set<ExpertOrder>().AsNoTracking()
                .SingleOrDefaultAsync(o => o.Id == orderId && o.NetworkId == actor.NetworkId, cancellationToken).ConfigureAwait(false);
            if (ThreadAccess.CheckSender(order, actor, out _, sending: false) is { } failure)
            {
                // Only the two parties of the thread have anything to mark (the operator reads without read marks).
                return Result<ThreadReadState>.From(failure.Refusal == MessageRefusals.OperatorCannotSend ? _refusals.Refused(MessageRefusals.NotAParticipant) : _refusals.Describe(failure));
            }

            var networkId = order!.NetworkId;
            var thread = db.Set<DigitalMessage>().AsNoTracking()
                .Where(m => m.NetworkId == networkId && m.OrderId == orderId
                    && (m.Kind == DigitalMessageKind.Thread || m.Kind == DigitalMessageKind.SystemNotice)); // the parties' messages
            int target;
            if (upToMessageId is { } messageId)
            {
                var sequence = await thread.Where(m => m.Id == messageId).Select(m => (int?)m.Sequence)
                    .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                if (sequence is null)
                {
                    return Result<ThreadReadState>.From(Result.Invalid([InputErrors.Unknown("upToMessageId")]));
                }

                target = sequence.Value;
            }
            else
            {
                target = await thread.MaxAsync(m => (int?)m.Sequence, cancellationToken).ConfigureAwait(false) ?? 0;
            }

            var partyId = actor.PartyId;
            var received = await db.Set<DigitalMessageThreadCount>().AsNoTracking()
                .Where(c => c.NetworkId == networkId && c.PartyId == partyId && c.OrderId == orderId)
                .Select(c => c.ReceivedCount).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var mark = await db.Set<DigitalMessageReadMark>()
                .FindAsync([networkId, partyId, actor.UserId, orderId], cancellationToken).ConfigureAwait(false);
            var readUpTo = mark?.ReadUpToSequence ?? 0;
            if (target <= readUpTo)
            {
                return new ThreadReadState(orderId, readUpTo, received - (mark?.ReadCount ?? 0));
            }

            var readCount = await thread.CountAsync(m => m.RecipientPartyId == partyId && m.Sequence <= target, cancellationToken).ConfigureAwait(false);
            if (mark is null)
            {
                mark = new DigitalMessageReadMark(networkId, partyId, actor.UserId, orderId);
                db.Add(mark);
            }

            mark.ReadUpToSequence = target;
            mark.ReadCount = readCount;
            mark.ReadAt = _time.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return new ThreadReadState(orderId, target, Math.Max(0, received - readCount));
            }
            catch (DbUpdateException)
            {
                // The same user marked read at the same time (the mark's watermark is its concurrency token, its key unique).
                MessagingLog.ReadMarkRaced(_logger, orderId);
                return Result<ThreadReadState>.From(Result.Conflict());
            }
        }).ConfigureAwait(false);
    }
}
