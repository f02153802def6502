using System.Text.Json;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Diagnostics;
using Expertennetzwerk.Module.Documents;
using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Workflow;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Outbox.Events;
using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Consent;

/// <summary>
/// Consent (Einwilligungserklärung, see docs/design.md): the broker asks each data subject whose legal basis is consent
/// through an expiring, single-use link or records a paper consent with a scan; the data subject agrees or declines
/// on the consent page and can withdraw later through a link of its own (or the broker records a withdrawal given by
/// phone or letter). Every step is historised on the order without personal data; the evidence (text, template,
/// hashes over text and covered data, times, channel, requester) stays with the consent.
/// </summary>
public sealed partial class ConsentService
{
    private readonly RefusalDescriber _refusals;
    /// <summary>The reason an order is cancelled with when its consent is withdrawn.</summary>
    public const string WithdrawnReason = "Einwilligung widerrufen";

    private const int MaxNameLength = 200;
    private const int MaxNoteLength = ExpertOrderService.MaxReasonLength;

    private readonly IModuleDbContextFactory _factory;
    private readonly ActorVerifier _actors;
    private readonly OrderUnitOfWork _orders;
    private readonly TemplateService _templates;
    private readonly IPublicLinks _links;
    private readonly IDocumentStore _documents;
    private readonly TimeProvider _time;
    private readonly ExpertennetzwerkOptions _options;

    internal ConsentService(
        IModuleDbContextFactory factory,
        ActorVerifier actors,
        OrderUnitOfWork orders,
        TemplateService templates,
        IPublicLinks links,
        IDocumentStore documents,
        TimeProvider time,
        IOptions<ExpertennetzwerkOptions> options,
        RefusalDescriber refusals)
    {
        _refusals = refusals;
        _factory = factory;
        _actors = actors;
        _orders = orders;
        _templates = templates;
        _links = links;
        _documents = documents;
        _time = time;
        _options = options.Value;
    }

    /// <summary>
    /// The owning broker asks a data subject for consent ("Einwilligungserklärung erstellen"): renders the text for the
    /// order's current data, keeps it with its evidence and returns the secret link (valid for
    /// <see cref="ExpertennetzwerkOptions.ConsentLinkLifetime"/>). An open request of the same person is superseded.
    /// </summary>
    public async Task<Result<ConsentRequested>> RequestConsentAsync(
        Actor actor, Guid orderId, RequestConsentCommand command, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = new List<FieldError>();
        var name = CheckName(command.Name, errors);
        var email = InputText.Optional(command.Email, "email", 254, errors, singleLine: true);
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            errors.Add(InputErrors.Malformed("email"));
        }

        var culture = CheckCulture(command.Culture, errors);
        var token = ConsentTokens.Create();
        var withdrawalToken = ConsentTokens.Create();
        ConsentDeclaration? created = null;
        var result = await _orders.FireAsync(new OrderCommand(actor, orderId, OrderTrigger.RequestConsent)
        {
            ExpectedVersion = expectedVersion,
            Text = command.DataSubject.ToString(),
            InputErrors = errors,
            Validate = (_, context) => Task.FromResult(ValidateSubject(context, command.DataSubject, name)),
            Effect = async (db, order) =>
            {
                var now = _time.GetUtcNow();
                var expires = now + _options.ConsentLinkLifetime;
                var data = await OrderTemplateData.LoadAsync(db, order, actor.UserId, cancellationToken).ConfigureAwait(false);
                var subjectName = name ?? order.CustomerDisplayName;
                var snapshot = Snapshot(data, culture, command.DataSubject, subjectName, _links.ConsentWithdrawal(withdrawalToken), now, expires, cancellationToken);
                await SupersedeOpenRequestsAsync(db, order.Id, command.DataSubject, subjectName, cancellationToken).ConfigureAwait(false);
                var address = string.IsNullOrEmpty(email) && command.DataSubject == DataSubjectKind.Customer ? CustomerEmail(order) : email;
                created = new ConsentDeclaration(Ids.New(_time), order.NetworkId, order.Id, command.DataSubject, subjectName, string.IsNullOrEmpty(address) ? null : address,
                    culture, ConsentChannel.Link, snapshot, actor.UserId, actor.PartyId, now);
                created.IssueLink(ConsentTokens.Hash(token), ConsentTokens.Hash(withdrawalToken), expires);
                db.Add(created);

                // The request is also a digital message to the data subject, kept with the order (the delivery pushes it
                // to the host's channel); the mail with the consent link is planned from the event below.
                var subject = TemplateFormatter.Language(culture) == TemplateFormatter.English
                    ? $"Consent declaration for order {order.Number}"
                    : $"Einwilligungserklärung zum Auftrag {order.Number}";
                DigitalMessages.AddConsentRequest(db, order, actor, subjectName, created.DataSubjectEmail, subject, snapshot.Text, _time);
                if (created.DataSubjectEmail is not null)
                {
                    db.Add(ConsentRequestedOutbox(order, created, token, withdrawalToken, now));
                }
            },
        }, cancellationToken).ConfigureAwait(false);

        return result.IsOk
            ? new ConsentRequested(created!.Id, orderId, result.Value.Version, _links.Consent(token), _links.ConsentWithdrawal(withdrawalToken), created.ExpiresAt!.Value)
            : Result<ConsentRequested>.From(result);
    }

    /// <summary>
    /// The owning broker records a consent signed on paper, with the scan of the form (stored through
    /// <see cref="IDocumentStore"/>) and a note. The text the person signed is rendered and kept as for a link.
    /// </summary>
    public async Task<Result<PaperConsentRecorded>> RecordPaperConsentAsync(
        Actor actor, Guid orderId, RecordPaperConsentCommand command, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = new List<FieldError>();
        var name = CheckName(command.Name, errors);
        var note = CheckNote(command.Note, errors);
        var culture = CheckCulture(command.Culture, errors);
        if (command.Scan is null)
        {
            errors.Add(InputErrors.Required("scan"));
        }
        else
        {
            errors.AddRange(AttachmentValidation.Validate([command.Scan], ExpertOrderService.MaxAttachments, _options, "scan")
                .Select(e => e with { Field = e.Field.Replace("scan[0]", "scan", StringComparison.Ordinal) }));
        }

        var withdrawalToken = ConsentTokens.Create();
        ConsentDeclaration? created = null;
        await using var staging = new DocumentStaging(_documents, actor.NetworkId);
        var result = await _orders.FireAsync(new OrderCommand(actor, orderId, OrderTrigger.RecordPaperConsent)
        {
            ExpectedVersion = expectedVersion,
            Text = command.DataSubject.ToString(),
            InputErrors = errors,
            Validate = (_, context) => Task.FromResult(ValidateSubject(context, command.DataSubject, name)),
            Staging = staging,
            Effect = async (db, order) =>
            {
                var now = _time.GetUtcNow();
                var data = await OrderTemplateData.LoadAsync(db, order, actor.UserId, cancellationToken).ConfigureAwait(false);
                var subjectName = name ?? order.CustomerDisplayName;
                var snapshot = Snapshot(data, culture, command.DataSubject, subjectName, _links.ConsentWithdrawal(withdrawalToken), now, now, cancellationToken);
                var scanId = await staging.StoreAsync(command.Scan! with { FileName = InputText.Trim(command.Scan.FileName) }, cancellationToken).ConfigureAwait(false);
                await SupersedeOpenRequestsAsync(db, order.Id, command.DataSubject, subjectName, cancellationToken).ConfigureAwait(false);
                created = new ConsentDeclaration(Ids.New(_time), order.NetworkId, order.Id, command.DataSubject, subjectName, null,
                    culture, ConsentChannel.Paper, snapshot, actor.UserId, actor.PartyId, now);
                created.RecordPaper(scanId, note, ConsentTokens.Hash(withdrawalToken), now);
                db.Add(created);
            },
        }, cancellationToken).ConfigureAwait(false);

        return result.IsOk
            ? new PaperConsentRecorded(created!.Id, orderId, result.Value.Version, _links.ConsentWithdrawal(withdrawalToken))
            : Result<PaperConsentRecorded>.From(result);
    }

    /// <summary>
    /// The owning broker records a withdrawal the data subject gave by phone or letter. A placed or running order is
    /// cancelled ("Einwilligung widerrufen"), a completed or disputed one keeps its state; either way its data are blocked
    /// for the expert from now on (<see cref="PersonalDataAccess"/>). A draft stays a draft: the consent is marked
    /// withdrawn, Place is refused (<c>order.consent_missing</c>) until a new consent is given, and the broker is told.
    /// </summary>
    public Task<Result<OrderChanged>> RecordWithdrawalAsync(
        Actor actor, Guid orderId, Guid consentId, ConsentChannel channel, string? note = null, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        if (channel is not (ConsentChannel.Phone or ConsentChannel.Letter))
        {
            errors.Add(InputErrors.NotAllowed("channel"));
        }

        var trimmedNote = CheckNote(note, errors);
        return _orders.FireAsync(new OrderCommand(actor, orderId, OrderTrigger.WithdrawConsent)
        {
            ExpectedVersion = expectedVersion,
            Text = WithdrawnReason,
            InputErrors = errors,
            Validate = (_, context) => Task.FromResult<IReadOnlyList<FieldError>>(
                context.Consents?.Consents.Any(c => c.Id == consentId && c.Status == ConsentStatus.Given) == true ? [] : [InputErrors.Unknown("consentId")]),
            Effect = (db, order) => WithdrawAsync(db, order, consentId, channel, trimmedNote),
        }, cancellationToken);
    }

    /// <summary>The order's consents with their evidence, for the owning broker.</summary>
    public async Task<Result<IReadOnlyList<ConsentSummary>>> ListAsync(Actor actor, Guid orderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ConsentService>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<IReadOnlyList<ConsentSummary>>.From(Result.Forbidden());
        }

        await using var db = _factory.CreateDbContext();
        var (order, role) = await OrderAccess.FindAsync(db, actor, orderId, cancellationToken, tracking: false).ConfigureAwait(false);
        if (order is null || role == OrderRole.None)
        {
            return Result<IReadOnlyList<ConsentSummary>>.From(Result.NotFound());
        }

        if (role != OrderRole.OwningBroker)
        {
            return Result<IReadOnlyList<ConsentSummary>>.From(_refusals.Refused(OrderRefusals.ActorNotPermitted));
        }

        var now = _time.GetUtcNow();
        var dataHash = ConsentEvidence.DataHash(ConsentEvidence.CanonicalData(order));
        var consents = await db.Set<ConsentDeclaration>().AsNoTracking().Where(c => c.OrderId == orderId && c.NetworkId == actor.NetworkId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return Result<IReadOnlyList<ConsentSummary>>.Ok(consents
            .OrderBy(c => c.RequestedAt).ThenBy(c => c.Id)
            .Select(c => new ConsentSummary(
                c.Id, c.DataSubject, c.DataSubjectName, c.Channel, c.Status,
                c.Status == ConsentStatus.Requested && c.ExpiresAt <= now,
                c.Status == ConsentStatus.Given && c.DataHash != dataHash,
                c.RequestedAt, c.ExpiresAt, c.DecidedAt, c.WithdrawnAt, c.WithdrawalChannel,
                c.TemplateId, c.TemplateVersion, c.ContentHash, c.DataHash, c.Text, c.ScanDocumentId))
            .ToList());
    }

    /// <summary>
    /// The consent page for <paramref name="token"/> (GET). Never uses the link up — mail scanners fetch links. Any
    /// unknown, expired, used or malformed token answers <see cref="ConsentRefusals.InvalidLink"/> and nothing else.
    /// </summary>
    public async Task<Result<ConsentPage>> OpenAsync(string? token, CancellationToken cancellationToken = default)
    {
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ConsentService>(null); // the data subject: an actor only once the token checked out
        if (!ConsentTokens.IsWellFormed(token))
        {
            return Result<ConsentPage>.From(_refusals.Refused(ConsentRefusals.InvalidLink));
        }

        var hash = ConsentTokens.Hash(token!);
        await using var db = _factory.CreateDbContext();
        var consent = await db.Set<ConsentDeclaration>().AsNoTracking().SingleOrDefaultAsync(c => c.TokenHash == hash, cancellationToken).ConfigureAwait(false);
        var order = consent is null ? null : await db.Set<ExpertOrder>().AsNoTracking().SingleAsync(o => o.Id == consent.OrderId, cancellationToken).ConfigureAwait(false);
        if (consent is null || order is null || !consent.IsOpen(_time.GetUtcNow()) || order.State != OrderState.Draft)
        {
            return Result<ConsentPage>.From(_refusals.Refused(ConsentRefusals.InvalidLink));
        }

        return await PageAsync(db, consent, order, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The data subject's decision (POST): agree or decline, once. Historised on the order without personal data. Any
    /// unknown, expired, used or malformed token answers <see cref="ConsentRefusals.InvalidLink"/> and changes nothing.
    /// The data subject is mailed a confirmation (when the request has an address) in the language of the declaration
    /// with its full text and, after an agreement, the working withdrawal link, which the answer carries too.
    /// </summary>
    public async Task<Result<ConsentPage>> DecideAsync(string? token, bool agree, CancellationToken cancellationToken = default)
    {
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ConsentService>(null); // the data subject: an actor only once the token checked out
        if (!ConsentTokens.IsWellFormed(token))
        {
            return Result<ConsentPage>.From(_refusals.Refused(ConsentRefusals.InvalidLink));
        }

        var hash = ConsentTokens.Hash(token!);
        ConsentDeclaration? consent;
        await using (var db = _factory.CreateDbContext())
        {
            consent = await db.Set<ConsentDeclaration>().AsNoTracking().SingleOrDefaultAsync(c => c.TokenHash == hash, cancellationToken).ConfigureAwait(false);
        }

        if (consent is null)
        {
            return Result<ConsentPage>.From(_refusals.Refused(ConsentRefusals.InvalidLink));
        }

        // A lost race with the broker's own edit of the order is not the data subject's problem: try again.
        string? withdrawalToken = null;
        var mailed = false;
        var result = await OrderConcurrency.RetryOnConflictAsync(_ =>
            _orders.RecordEventAsync(Actor.DataSubject(consent.NetworkId), consent.OrderId, agree ? "ConsentGiven" : "ConsentDeclined",
                async (db, order) =>
                {
                    var tracked = await db.Set<ConsentDeclaration>().SingleOrDefaultAsync(c => c.Id == consent.Id && c.TokenHash == hash, cancellationToken).ConfigureAwait(false);
                    if (tracked is null || !tracked.IsOpen(_time.GetUtcNow()) || order.State != OrderState.Draft)
                    {
                        return false;
                    }

                    var now = _time.GetUtcNow();
                    tracked.Decide(agree, now);
                    withdrawalToken = agree ? WithdrawalToken(tracked) : null;
                    mailed = tracked.DataSubjectEmail is not null;
                    // Always an event (host events announce every decision); the planner mails only a person with an address.
                    db.Add(ConsentDecidedOutbox(order, tracked, agree, withdrawalToken, now));

                    return true;
                },
                ConsentRefusals.InvalidLink,
                cancellationToken)).ConfigureAwait(false);

        if (!result.IsOk)
        {
            return Result<ConsentPage>.From(_refusals.Refused(ConsentRefusals.InvalidLink));
        }

        await using var read = _factory.CreateDbContext();
        var decided = await read.Set<ConsentDeclaration>().AsNoTracking().SingleAsync(c => c.Id == consent.Id, cancellationToken).ConfigureAwait(false);
        var decidedOrder = await read.Set<ExpertOrder>().AsNoTracking().SingleAsync(o => o.Id == consent.OrderId, cancellationToken).ConfigureAwait(false);
        var page = await PageAsync(read, decided, decidedOrder, cancellationToken).ConfigureAwait(false);
        return page.IsOk
            ? page.Value with { WithdrawalUrl = withdrawalToken is null ? null : _links.ConsentWithdrawal(withdrawalToken), ConfirmationMailed = mailed }
            : page;
    }

    /// <summary>The withdrawal page for <paramref name="token"/> (GET, never uses it up); neutral refusal for anything invalid.</summary>
    public async Task<Result<ConsentWithdrawalPage>> OpenWithdrawalAsync(string? token, CancellationToken cancellationToken = default)
    {
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ConsentService>(null); // the data subject: an actor only once the token checked out
        var found = await FindWithdrawableAsync(token, cancellationToken).ConfigureAwait(false);
        return found is { } f
            ? new ConsentWithdrawalPage(f.Order.Number, f.Consent.DataSubjectName, f.BrokerName, f.Consent.DecidedAt, f.Consent.Status)
            {
                GivenOn = f.Consent.DecidedAt is { } given ? NetworkTimeZone.LocalDate(given, f.Zone) : null,
            }
            : Result<ConsentWithdrawalPage>.From(_refusals.Refused(ConsentRefusals.InvalidLink));
    }

    /// <summary>
    /// The data subject withdraws (POST through the withdrawal link), with the effects of
    /// <see cref="RecordWithdrawalAsync"/>: a placed or running order is cancelled ("Einwilligung widerrufen"), a completed
    /// or disputed one keeps its state, and the expert loses the data; a draft stays and waits for a new consent. Works once.
    /// </summary>
    public async Task<Result<ConsentWithdrawalPage>> WithdrawAsync(string? token, CancellationToken cancellationToken = default)
    {
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ConsentService>(null); // the data subject: an actor only once the token checked out
        var found = await FindWithdrawableAsync(token, cancellationToken).ConfigureAwait(false);
        if (found is not { } f)
        {
            return Result<ConsentWithdrawalPage>.From(_refusals.Refused(ConsentRefusals.InvalidLink));
        }

        var command = new OrderCommand(Actor.DataSubject(f.Consent.NetworkId), f.Order.Id, OrderTrigger.WithdrawConsent)
        {
            Text = WithdrawnReason,
            ProvenRole = OrderRole.DataSubject,
            Validate = (_, context) => Task.FromResult<IReadOnlyList<FieldError>>(
                context.Consents?.Consents.Any(c => c.Id == f.Consent.Id && c.Status == ConsentStatus.Given && c.WithdrawalTokenHash == f.Consent.WithdrawalTokenHash) == true
                    ? []
                    : [InputErrors.Unknown("token")]),
            Effect = (db, order) => WithdrawAsync(db, order, f.Consent.Id, ConsentChannel.Link, null),
        };
        var result = await OrderConcurrency.RetryOnConflictAsync(_ => _orders.FireAsync(command, cancellationToken)).ConfigureAwait(false);

        return result.IsOk
            ? new ConsentWithdrawalPage(f.Order.Number, f.Consent.DataSubjectName, f.BrokerName, f.Consent.DecidedAt, ConsentStatus.Withdrawn)
            : Result<ConsentWithdrawalPage>.From(_refusals.Refused(ConsentRefusals.InvalidLink));
    }

    private async Task<(ConsentDeclaration Consent, ExpertOrder Order, string BrokerName, TimeZoneInfo Zone)?> FindWithdrawableAsync(string? token, CancellationToken cancellationToken)
    {
        if (!ConsentTokens.IsWellFormed(token))
        {
            return null;
        }

        var hash = ConsentTokens.Hash(token!);
        await using var db = _factory.CreateDbContext();
        var consent = await db.Set<ConsentDeclaration>().AsNoTracking().SingleOrDefaultAsync(c => c.WithdrawalTokenHash == hash, cancellationToken).ConfigureAwait(false);
        if (consent is not { Status: ConsentStatus.Given })
        {
            return null;
        }

        var order = await db.Set<ExpertOrder>().AsNoTracking().SingleAsync(o => o.Id == consent.OrderId, cancellationToken).ConfigureAwait(false);
        if (order.State is OrderState.Declined or OrderState.Cancelled || order.DataProcessingBlocked)
        {
            return null; // the data are no longer processed: nothing left to withdraw from
        }

        var broker = await db.Set<Party>().AsNoTracking().Where(p => p.Id == order.BrokerPartyId).Select(p => p.Name).SingleAsync(cancellationToken).ConfigureAwait(false);
        var zone = await NetworkTimeZone.OfAsync(db, order.NetworkId, cancellationToken).ConfigureAwait(false);
        return (consent, order, broker, zone);
    }

    private async ValueTask WithdrawAsync(DbContext db, ExpertOrder order, Guid consentId, ConsentChannel channel, string? note)
    {
        // The guard loader tracked the order's consents: this is the same instance, saved with the order.
        var consent = await db.Set<ConsentDeclaration>().FindAsync(consentId).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The consent to withdraw vanished within the unit of work.");
        var now = _time.GetUtcNow();
        consent.Withdraw(channel, note, now);

        // The workflow already moved the order: a draft stays a draft (nothing reached the expert; Place now waits for a
        // new consent), a placed or running order is cancelled, a completed or disputed one keeps its state. Once the
        // expert may have had the data, the block keeps every personal datum from it from now on.
        if (order.State != OrderState.Draft)
        {
            order.DataProcessingBlocked = true;
        }

        // A cancellation is told by its state change; otherwise the broker learns of the withdrawal from this event.
        if (order.State != OrderState.Cancelled)
        {
            var payload = new ConsentWithdrawnEvent(order.Id, consent.Id, order.State.ToString(), now);
            db.Add(new OutboxMessage(Ids.New(_time), order.NetworkId, order.Id, OutboxEventTypes.ConsentWithdrawn, $"party:{order.BrokerPartyId:D}",
                OutboxPayloads.Serialize(payload), payload.IdempotencyKey(), now));
        }
    }

    /// <summary>
    /// The withdrawal token of a consent just agreed to: the one whose link the declaration's text carries (found by its
    /// hash), so the link in the text and in the confirmation are the same and both work. A text without it (a service
    /// template that leaves the link out) gets a new token.
    /// </summary>
    private static string WithdrawalToken(ConsentDeclaration consent)
    {
        foreach (System.Text.RegularExpressions.Match match in TokenCandidate().Matches(consent.Text))
        {
            if (string.Equals(ConsentTokens.Hash(match.Value), consent.WithdrawalTokenHash, StringComparison.Ordinal))
            {
                return match.Value;
            }
        }

        var token = ConsentTokens.Create();
        consent.ReissueWithdrawal(ConsentTokens.Hash(token));
        return token;
    }

    [System.Text.RegularExpressions.GeneratedRegex("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")]
    private static partial System.Text.RegularExpressions.Regex TokenCandidate();

    private OutboxMessage ConsentDecidedOutbox(ExpertOrder order, ConsentDeclaration consent, bool agreed, string? withdrawalToken, DateTimeOffset now)
    {
        // The withdrawal link is a secret: like the request's row, this one and its mail are scrubbed once delivered.
        var payload = new ConsentDecidedEvent(order.Id, consent.Id, agreed, withdrawalToken is null ? null : _links.ConsentWithdrawal(withdrawalToken).AbsoluteUri);
        return new OutboxMessage(Ids.New(_time), order.NetworkId, order.Id, OutboxEventTypes.ConsentDecided, $"subject:{consent.Id:D}",
            OutboxPayloads.Serialize(payload), payload.IdempotencyKey(), now);
    }

    private async Task<Result<ConsentPage>> PageAsync(DbContext db, ConsentDeclaration consent, ExpertOrder order, CancellationToken cancellationToken)
    {
        var broker = await db.Set<Party>().AsNoTracking().Where(p => p.Id == order.BrokerPartyId).Select(p => p.Name).SingleAsync(cancellationToken).ConfigureAwait(false);
        return new ConsentPage(order.Number, consent.DataSubjectName, broker, consent.Html, consent.Text, consent.Culture, consent.ExpiresAt, consent.Status);
    }

    private ConsentSnapshot Snapshot(
        OrderTemplateData data, string culture, DataSubjectKind subject, string subjectName, Uri withdrawUrl, DateTimeOffset now, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var model = data.ConsentModel(culture, subject, subjectName, withdrawUrl.AbsoluteUri, now, expires);
        var text = _templates.Render(TemplateKind.ConsentDeclaration, culture, TemplateFormat.Text, model, data.Templates, cancellationToken);
        var html = _templates.Render(TemplateKind.ConsentDeclaration, culture, TemplateFormat.Html, model, data.Templates, cancellationToken);
        var canonical = ConsentEvidence.CanonicalData(data.Order);
        return new ConsentSnapshot(text.Text, html.Text, text.TemplateId, text.TemplateVersion, canonical,
            ConsentEvidence.DataHash(canonical), ConsentEvidence.ContentHash(text.Text, canonical));
    }

    private static async Task SupersedeOpenRequestsAsync(DbContext db, Guid orderId, DataSubjectKind subject, string name, CancellationToken cancellationToken)
    {
        var open = await db.Set<ConsentDeclaration>()
            .Where(c => c.OrderId == orderId && c.DataSubject == subject && c.Status == ConsentStatus.Requested)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var consent in open.Where(c => string.Equals(c.DataSubjectName, name, StringComparison.OrdinalIgnoreCase)))
        {
            consent.Supersede();
        }
    }

    // The guard loader already read which data subjects the service needs (the consent triggers load the consents).
    private static IReadOnlyList<FieldError> ValidateSubject(OrderGuardContext context, DataSubjectKind subject, string? name)
    {
        var errors = new List<FieldError>();
        if (context.Consents?.Needed.Contains(subject) != true)
        {
            errors.Add(InputErrors.NotAllowed("dataSubject")); // the service needs no consent of this person
        }

        if (subject != DataSubjectKind.Customer && name is null)
        {
            errors.Add(InputErrors.Required("name"));
        }

        return errors;
    }

    private OutboxMessage ConsentRequestedOutbox(ExpertOrder order, ConsentDeclaration consent, string token, string withdrawalToken, DateTimeOffset now)
    {
        // The links are secrets: they live in this row (and the mail and digital message planned from it) only until
        // delivered; the keys' "consent:" prefix makes the outbox scrub them then (Notifications/OutboxSecrets).
        var payload = new ConsentRequestedEvent(
            order.Id, consent.Id, consent.DataSubjectName, consent.DataSubjectEmail!, consent.Culture,
            _links.Consent(token).AbsoluteUri, _links.ConsentWithdrawal(withdrawalToken).AbsoluteUri, consent.ExpiresAt!.Value);
        return new OutboxMessage(Ids.New(_time), order.NetworkId, order.Id, OutboxEventTypes.ConsentRequested, $"subject:{consent.Id:D}",
            OutboxPayloads.Serialize(payload), payload.IdempotencyKey(), now);
    }

    /// <summary>The customer's mail address from the order's snapshot (the CRM's <c>email</c> field), when the service shares it and it is one.</summary>
    private static string? CustomerEmail(ExpertOrder order)
    {
        var snapshot = JsonSerializer.Deserialize<Dictionary<string, string?>>(order.CustomerSnapshotJson);
        var email = snapshot?.GetValueOrDefault("email")?.Trim();
        return email is { Length: > 0 and <= 254 } && System.Net.Mail.MailAddress.TryCreate(email, out _) ? email : null;
    }

    private static string? CheckName(string? name, List<FieldError> errors) =>
        InputText.Optional(name, "name", MaxNameLength, errors, singleLine: true);

    private static string? CheckNote(string? note, List<FieldError> errors) =>
        InputText.Optional(note, "note", MaxNoteLength, errors);

    private static string CheckCulture(string? culture, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(culture))
        {
            return "de-DE";
        }

        var trimmed = culture.Trim();
        if (trimmed.StartsWith("de", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("en", StringComparison.OrdinalIgnoreCase))
        {
            return TemplateFormatter.Language(trimmed) == TemplateFormatter.English ? "en" : "de-DE";
        }

        errors.Add(InputErrors.NotAllowed("culture"));
        return "de-DE";
    }
}
