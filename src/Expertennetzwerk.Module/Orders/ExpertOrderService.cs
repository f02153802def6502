using System.Text.Json;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Documents;
using Expertennetzwerk.Module.Forms;
using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders.Workflow;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Persistence.Dialects;
using Expertennetzwerk.Module.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Orders;

/// <summary>
/// The order use cases. Each method takes the actor, loads what it needs, applies the workflow, appends history,
/// writes outbox rows and commits once; it answers Ok, NotFound, Refused, ValidationFailed or Conflict and throws
/// only for faults of the system (never for anything a user can type). An actor that is not a verified member of its
/// party gets Forbidden before anything is read.
/// </summary>
public sealed class ExpertOrderService
{
    private readonly RefusalDescriber _refusals;
    /// <summary>Longest reason, question, answer or note.</summary>
    public const int MaxReasonLength = 2_000;

    /// <summary>Longest documentation text.</summary>
    public const int MaxDocumentationLength = 20_000;

    /// <summary>Most attachments on one documentation entry.</summary>
    public const int MaxAttachments = 10;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, FormDefinition> FormDefinitions = new();

    private readonly IModuleDbContextFactory _factory;
    private readonly ICustomerDirectory _customers;
    private readonly IDocumentStore _documents;
    private readonly TimeProvider _time;
    private readonly ExpertennetzwerkOptions _options;
    private readonly IReadOnlyList<IOrderWorkflowExtension> _extensions;
    private readonly ILogger<ExpertOrderService> _logger;
    private readonly ActorVerifier _actors;

    internal ExpertOrderService(
        IModuleDbContextFactory factory,
        ActorVerifier actors,
        ICustomerDirectory customers,
        IDocumentStore documents,
        TimeProvider time,
        IOptions<ExpertennetzwerkOptions> options,
        IEnumerable<IOrderWorkflowExtension> extensions,
        ILogger<ExpertOrderService> logger,
        RefusalDescriber refusals)
    {
        _refusals = refusals;
        _factory = factory;
        _actors = actors;
        _customers = customers;
        _documents = documents;
        _time = time;
        _options = options.Value;
        _extensions = extensions.ToList();
        _logger = logger;
    }

    /// <summary>Creates a draft order of a published service for one of the broker party's customers.</summary>
    public async Task<Result<OrderChanged>> CreateDraftAsync(Actor actor, CreateDraftCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(command);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<OrderChanged>.From(Result.Forbidden());
        }

        if (actor.PartyKind != PartyKind.Broker)
        {
            return Result<OrderChanged>.From(_refusals.Refused(OrderRefusals.ActorNotPermitted));
        }

        var errors = new List<FieldError>();
        var customerRef = InputText.Required(command.CustomerRef, "customerRef", 128, errors, singleLine: true);

        var formData = NormaliseFormData(command.FormDataJson, errors);
        if (errors.Count > 0)
        {
            return Result<OrderChanged>.From(Result.Invalid(errors));
        }

        await using var db = _factory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false); // one connection for the whole unit of work
        var service = await db.Set<ExpertService>().AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == command.ServiceId && s.NetworkId == actor.NetworkId, cancellationToken).ConfigureAwait(false);
        var network = await db.Set<ExpertNetwork>().AsNoTracking()
            .SingleOrDefaultAsync(n => n.Id == actor.NetworkId, cancellationToken).ConfigureAwait(false);
        if (service?.PublishedVersionId is not { } versionId || network is null)
        {
            return Result<OrderChanged>.From(Result.NotFound());
        }

        var version = await db.Set<ExpertServiceVersion>().AsNoTracking()
            .SingleAsync(v => v.Id == versionId, cancellationToken).ConfigureAwait(false);
        if (formData is not null && ValidateForm(version.Id, version.FormDefinitionJson, formData, requireComplete: false) is { Count: > 0 } formErrors)
        {
            return Result<OrderChanged>.From(Result.Invalid(formErrors));
        }

        var customer = await _customers.FindAsync(actor.NetworkId, actor.PartyId, customerRef, cancellationToken).ConfigureAwait(false);
        if (customer is null)
        {
            return Result<OrderChanged>.From(Result.Invalid([InputErrors.Unknown("customerRef")]));
        }

        var now = _time.GetUtcNow();
        var year = TimeZoneInfo.ConvertTime(now, FindTimeZone(network.TimeZoneId)).Year;
        var dialect = SqlDialect.For(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var sequence = await dialect.NextOrderNumberAsync(db, network.Id, year, cancellationToken).ConfigureAwait(false);
        var displayName = Truncate(customer.DisplayName.Trim(), 200);

        var snapshot = CustomerSnapshot(customer, displayName, version);
        var order = new ExpertOrder(
            Ids.New(_time), network.Id, $"{network.OrderNumberPrefix}-{year:D4}-{sequence:D6}", actor.PartyId, actor.UserId,
            service.Id, versionId, service.ExpertPartyId, service.CategoryId, customerRef, displayName, snapshot, now);
        order.SetFormData(formData ?? "{}");
        db.Add(order);
        AppendHistory(db, order, actor, "Created", OrderState.Draft, OrderState.Draft, null, now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await dialect.ApplyStateCountDeltasAsync(db, order.NetworkId, [new StateCountDelta(order.BrokerPartyId, OrderRole.OwningBroker, OrderState.Draft, 1)], cancellationToken)
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new OrderChanged(order.Id, order.Number, order.State, order.Version);
    }

    /// <summary>
    /// Saves the draft's form data ("Auftragsdaten speichern"): required fields may still be missing, but every value
    /// given must fit its field (all field errors come back at once).
    /// </summary>
    public Task<Result<OrderChanged>> SaveDraftAsync(Actor actor, Guid orderId, string formDataJson, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var formData = NormaliseFormData(formDataJson, errors) ?? "{}";
        return FireAsync(actor, orderId, OrderTrigger.SaveDraft, expectedVersion, null, errors, (_, order) =>
        {
            order.SetFormData(formData);
            return ValueTask.CompletedTask;
        }, cancellationToken, validate: (db, context) => ValidateFormAsync(db, context, formData, requireComplete: false, cancellationToken));
    }

    /// <summary>
    /// Orders bindingly and forwards the order to the expert ("verbindlich weiterleiten"). The form must be complete and
    /// valid; its data are frozen with the order from here on.
    /// </summary>
    public Task<Result<OrderChanged>> PlaceAsync(Actor actor, Guid orderId, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        FireAsync(actor, orderId, OrderTrigger.Place, expectedVersion, null, [], (_, order) =>
        {
            order.AssignExpert();
            order.PlacedAt = _time.GetUtcNow();
            return ValueTask.CompletedTask;
        }, cancellationToken, validate: (db, context) => ValidateFormAsync(db, context, context.Order.FormDataJson, requireComplete: true, cancellationToken));

    /// <summary>The broker withdraws a draft (discarded) or a placed order, with a reason.</summary>
    public Task<Result<OrderChanged>> WithdrawAsync(Actor actor, Guid orderId, string reason, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        FireWithTextAsync(actor, orderId, OrderTrigger.Withdraw, "reason", reason, expectedVersion, cancellationToken);

    /// <summary>The assigned expert accepts the order.</summary>
    public Task<Result<OrderChanged>> AcceptAsync(Actor actor, Guid orderId, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        FireAsync(actor, orderId, OrderTrigger.Accept, expectedVersion, null, [], null, cancellationToken);

    /// <summary>The assigned expert declines the order, with a reason.</summary>
    public Task<Result<OrderChanged>> DeclineAsync(Actor actor, Guid orderId, string reason, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        FireWithTextAsync(actor, orderId, OrderTrigger.Decline, "reason", reason, expectedVersion, cancellationToken);

    /// <summary>The assigned expert sets one of the service's progress steps.</summary>
    public async Task<Result<OrderChanged>> SetProgressStepAsync(Actor actor, Guid orderId, string step, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var trimmed = InputText.Required(step, "step", 200, errors, singleLine: true);

        return await FireAsync(actor, orderId, OrderTrigger.SetProgressStep, expectedVersion, trimmed, errors, (_, order) =>
            {
                order.ProgressStep = trimmed;
                return ValueTask.CompletedTask;
            },
            cancellationToken,
            validate: async (db, context) =>
            {
                var order = context.Order;
                // The service's progress steps are data: only those may be set (any text when the service defines none).
                var steps = await db.Set<ExpertServiceVersion>().AsNoTracking().Where(v => v.Id == order.ServiceVersionId)
                    .Select(v => v.ProgressSteps).SingleAsync(cancellationToken).ConfigureAwait(false);
                return steps.Count == 0 || steps.Contains(trimmed, StringComparer.Ordinal) ? [] : [InputErrors.NotAllowed("step")];
            }).ConfigureAwait(false);
    }

    /// <summary>The assigned expert documents the work, optionally with files.</summary>
    public async Task<Result<OrderChanged>> AddDocumentationAsync(
        Actor actor, Guid orderId, string text, IReadOnlyList<DocumentUpload>? attachments = null, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        attachments ??= [];
        var errors = new List<FieldError>();
        var trimmed = InputText.Required(text, "text", MaxDocumentationLength, errors);

        errors.AddRange(ValidateAttachments(attachments));

        var stored = new List<(DocumentUpload Upload, Guid DocumentId)>();
        var result = await FireAsync(actor, orderId, OrderTrigger.AddDocumentation, expectedVersion, null, errors, async (db, order) =>
        {
            var now = _time.GetUtcNow();
            var entry = new OrderDocumentation(Ids.New(_time), order.NetworkId, order.Id, now, actor.UserId, actor.PartyId, trimmed);
            foreach (var upload in attachments)
            {
                var documentId = await _documents.SaveAsync(order.NetworkId, upload, cancellationToken).ConfigureAwait(false);
                stored.Add((upload, documentId));
                entry.Attach(new OrderAttachment(Ids.New(_time), order.NetworkId, documentId, InputText.Trim(upload.FileName), upload.ContentType, upload.Content.Length));
            }

            db.Add(entry);
            order.DocumentationCount++;
        }, cancellationToken).ConfigureAwait(false);

        if (!result.IsOk)
        {
            // The command did not commit: take back the files it stored.
            foreach (var (_, documentId) in stored)
            {
                await _documents.DeleteAsync(actor.NetworkId, documentId, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return result;
    }

    /// <summary>The assigned expert asks the broker for information.</summary>
    public Task<Result<OrderChanged>> RequestInformationAsync(Actor actor, Guid orderId, string question, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        FireWithTextAsync(actor, orderId, OrderTrigger.RequestInformation, "question", question, expectedVersion, cancellationToken);

    /// <summary>The broker answers (or the expert resumes with a note).</summary>
    public Task<Result<OrderChanged>> ProvideInformationAsync(Actor actor, Guid orderId, string answer, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        FireWithTextAsync(actor, orderId, OrderTrigger.ProvideInformation, "answer", answer, expectedVersion, cancellationToken);

    /// <summary>The assigned expert completes the documented order.</summary>
    public Task<Result<OrderChanged>> CompleteAsync(Actor actor, Guid orderId, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        FireAsync(actor, orderId, OrderTrigger.Complete, expectedVersion, null, [], (_, order) =>
        {
            order.CompletedAt = _time.GetUtcNow();
            return ValueTask.CompletedTask;
        }, cancellationToken);

    /// <summary>The assigned expert or the operator cancels ("stornieren"), with a reason.</summary>
    public Task<Result<OrderChanged>> CancelAsync(Actor actor, Guid orderId, string reason, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        FireWithTextAsync(actor, orderId, OrderTrigger.Cancel, "reason", reason, expectedVersion, cancellationToken);

    /// <summary>Broker or expert opens a dispute for the operator, with a reason.</summary>
    public Task<Result<OrderChanged>> OpenDisputeAsync(Actor actor, Guid orderId, string reason, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        FireWithTextAsync(actor, orderId, OrderTrigger.OpenDispute, "reason", reason, expectedVersion, cancellationToken);

    /// <summary>The operator settles a dispute: resume, complete or cancel, with a note.</summary>
    public Task<Result<OrderChanged>> ResolveDisputeAsync(
        Actor actor, Guid orderId, DisputeResolution resolution, string note, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var trigger = resolution switch
        {
            DisputeResolution.Resume => OrderTrigger.ResolveDisputeResume,
            DisputeResolution.Complete => OrderTrigger.ResolveDisputeComplete,
            DisputeResolution.Cancel => OrderTrigger.ResolveDisputeCancel,
            _ => (OrderTrigger?)null,
        };
        if (trigger is null)
        {
            return Task.FromResult(Result<OrderChanged>.From(Result.Invalid([InputErrors.NotAllowed("resolution")])));
        }

        return FireWithTextAsync(actor, orderId, trigger.Value, "note", note, expectedVersion, cancellationToken);
    }

    private Task<Result<OrderChanged>> FireWithTextAsync(
        Actor actor, Guid orderId, OrderTrigger trigger, string field, string? text, long? expectedVersion, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var trimmed = InputText.Required(text, field, MaxReasonLength, errors);

        return FireAsync(actor, orderId, trigger, expectedVersion, trimmed, errors, null, cancellationToken);
    }

    /// <summary>
    /// One workflow command as one unit of work: load, check role and version, guards, input, validation, extensions,
    /// fire, effects, history and outbox, commit once. Other features' commands (consent) run through it too;
    /// <paramref name="role"/> is given only by a caller that has proven it (a data subject's token).
    /// </summary>
    internal async Task<Result<OrderChanged>> FireAsync(
        Actor actor,
        Guid orderId,
        OrderTrigger trigger,
        long? expectedVersion,
        string? text,
        IReadOnlyList<FieldError> inputErrors,
        Func<DbContext, ExpertOrder, ValueTask>? effect,
        CancellationToken cancellationToken,
        Func<DbContext, OrderGuardContext, Task<IReadOnlyList<FieldError>>>? validate = null,
        OrderRole? role = null)
    {
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<OrderChanged>.From(Result.Forbidden());
        }

        await using var db = _factory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false); // one connection for the whole unit of work
        var order = await db.Set<ExpertOrder>()
            .SingleOrDefaultAsync(o => o.Id == orderId && o.NetworkId == actor.NetworkId, cancellationToken).ConfigureAwait(false);
        role = order is null ? OrderRole.None : role ?? OrderAccess.RoleOf(order, actor);
        if (order is null || role == OrderRole.None)
        {
            return Result<OrderChanged>.From(Result.NotFound());
        }

        if (expectedVersion is { } expected && expected != order.Version)
        {
            return Result<OrderChanged>.From(Result.Conflict());
        }

        var guardContext = await OrderGuardContextLoader.LoadAsync(
            db, order, actor, role.Value, trigger == OrderTrigger.Place, [trigger], _extensions, cancellationToken).ConfigureAwait(false);
        var machine = OrderWorkflow.Create(guardContext);
        if (!machine.CanFire(trigger, out var unmet))
        {
            // Stateless leaves unmet null when the state has no transition for the trigger at all: a wrong state.
            var refusal = (unmet ?? []).Select(_refusals.Find).FirstOrDefault(r => r is not null) ?? OrderRefusals.InvalidState;
            return Result<OrderChanged>.From(_refusals.Refused(refusal));
        }

        if (inputErrors.Count > 0)
        {
            return Result<OrderChanged>.From(Result.Invalid(inputErrors));
        }

        if (validate is not null && await validate(db, guardContext).ConfigureAwait(false) is { Count: > 0 } lateErrors)
        {
            return Result<OrderChanged>.From(Result.Invalid(lateErrors));
        }

        foreach (var extension in _extensions)
        {
            if (extension.Check(trigger, guardContext) is { } refusal)
            {
                return Result<OrderChanged>.From(_refusals.Refused(refusal));
            }
        }

        var from = order.State;
        var assignedBefore = order.AssignedExpertPartyId;
        var loadedHistoryCount = order.HistoryCount;
        await machine.FireAsync(trigger).ConfigureAwait(false);
        var to = order.State;
        var now = _time.GetUtcNow();
        ApplyStateEffects(order, trigger, from);

        // Effects run before the transaction opens: they may store files through IDocumentStore, whose default uses
        // its own connection (on SQLite it would wait for this command's write lock).
        if (effect is not null)
        {
            await effect(db, order).ConfigureAwait(false);
        }

        order.Touch(now);
        var history = AppendHistory(db, order, actor, trigger.ToString(), from, to, text, now);
        if (from != to)
        {
            AppendStateChangedOutbox(db, order, trigger, from, to, history.Sequence, now);
            await AddSystemNoticeAsync(db, order, trigger, guardContext, history.Sequence, cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var transition = new OrderTransition(order, actor, trigger, from, to, text, now);
        foreach (var extension in _extensions)
        {
            await extension.OnTransitionedAsync(transition, db, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<OrderChanged>.From(Result.Conflict());
        }
        catch (DbUpdateException ex)
        {
            // A unique key (e.g. the history sequence) can trip before the token check: a moved version means a lost race,
            // and so does a moved history count (a message or an operator's look appends history without a new version).
            if (!await VersionMovedAsync(order.Id, order.Version - 1, loadedHistoryCount, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }

            _logger.LogDebug(ex, "Order {OrderId} changed concurrently while {Trigger} was saved.", order.Id, trigger);
            return Result<OrderChanged>.From(Result.Conflict());
        }

        if (from != to)
        {
            await SqlDialect.For(db).ApplyStateCountDeltasAsync(db, order.NetworkId, CountDeltas(order, from, to, assignedBefore), cancellationToken)
                .ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new OrderChanged(order.Id, order.Number, order.State, order.Version);
    }

    /// <summary>
    /// Records an event on the order that is no workflow trigger (a data subject's consent decision): loads the order,
    /// lets <paramref name="apply"/> change what it must (false = nothing to do: answer <paramref name="refusal"/>),
    /// appends history, and commits once with the order's concurrency check (a lost race answers Conflict).
    /// </summary>
    internal async Task<Result> RecordEventAsync(
        Actor actor, Guid orderId, string eventName, Func<DbContext, ExpertOrder, Task<bool>> apply, Refusal refusal, CancellationToken cancellationToken)
    {
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result.Forbidden();
        }

        await using var db = _factory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var order = await db.Set<ExpertOrder>()
            .SingleOrDefaultAsync(o => o.Id == orderId && o.NetworkId == actor.NetworkId, cancellationToken).ConfigureAwait(false);
        if (order is null || !await apply(db, order).ConfigureAwait(false))
        {
            return _refusals.Refused(refusal);
        }

        var now = _time.GetUtcNow();
        order.Touch(now);
        AppendHistory(db, order, actor, eventName, order.State, order.State, null, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException ex)
        {
            if (ex is not DbUpdateConcurrencyException && !await VersionMovedAsync(order.Id, order.Version - 1, order.HistoryCount - 1, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }

            return Result.Conflict();
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Result.Ok();
    }

    private static void ApplyStateEffects(ExpertOrder order, OrderTrigger trigger, OrderState from)
    {
        switch (trigger)
        {
            case OrderTrigger.OpenDispute:
                order.DisputedFromState = from;
                break;
            case OrderTrigger.ResolveDisputeResume or OrderTrigger.ResolveDisputeComplete or OrderTrigger.ResolveDisputeCancel:
                order.DisputedFromState = null;
                break;
        }
    }

    private static IReadOnlyList<StateCountDelta> CountDeltas(ExpertOrder order, OrderState from, OrderState to, Guid? assignedBefore)
    {
        var deltas = new List<StateCountDelta>(4)
        {
            new(order.BrokerPartyId, OrderRole.OwningBroker, from, -1),
            new(order.BrokerPartyId, OrderRole.OwningBroker, to, 1),
        };
        if (assignedBefore is { } before)
        {
            deltas.Add(new StateCountDelta(before, OrderRole.AssignedExpert, from, -1));
        }

        if (order.AssignedExpertPartyId is { } after)
        {
            deltas.Add(new StateCountDelta(after, OrderRole.AssignedExpert, to, 1));
        }

        return deltas;
    }

    internal OrderHistoryEntry AppendHistory(DbContext db, ExpertOrder order, Actor actor, string eventName, OrderState from, OrderState to, string? text, DateTimeOffset now)
    {
        order.HistoryCount++;
        var entry = new OrderHistoryEntry(
            Ids.New(_time), order.NetworkId, order.Id, order.HistoryCount, now, actor.UserId, actor.PartyId, actor.PartyKind, eventName, from, to, text);
        db.Add(entry);
        return entry;
    }

    private void AppendStateChangedOutbox(DbContext db, ExpertOrder order, OrderTrigger trigger, OrderState from, OrderState to, int sequence, DateTimeOffset now)
    {
        // Recipients are resolved at delivery: the broker on every state change, the expert on a new binding order.
        var recipients = trigger == OrderTrigger.Place
            ? $"party:{order.BrokerPartyId:D} party:{order.ExpertPartyId:D}"
            : $"party:{order.BrokerPartyId:D}";
        var payload = JsonSerializer.Serialize(new
        {
            orderId = order.Id,
            number = order.Number,
            trigger = trigger.ToString(),
            from = from.ToString(),
            to = to.ToString(),
            historySequence = sequence,
        });
        var eventType = trigger == OrderTrigger.Place ? OutboxEventTypes.OrderPlaced : OutboxEventTypes.OrderStateChanged;
        db.Add(new OutboxMessage(Ids.New(_time), order.NetworkId, order.Id, eventType, recipients, payload, $"{order.Id:N}:{trigger}:{sequence}", now));
    }

    /// <summary>
    /// The network's digital message in the module's own inbox: the new order to the assigned expert on Place, the
    /// completion to the broker on Complete. Written in the command's commit, so it exists exactly once per transition.
    /// Its text names the order's number and the service's title only (no customer data).
    /// </summary>
    private async Task AddSystemNoticeAsync(
        DbContext db, ExpertOrder order, OrderTrigger trigger, OrderGuardContext context, int historySequence, CancellationToken cancellationToken)
    {
        if (trigger is not (OrderTrigger.Place or OrderTrigger.Complete))
        {
            return;
        }

        var title = context.ServiceVersion?.Title
                    ?? await db.Set<ExpertServiceVersion>().AsNoTracking().Where(v => v.Id == order.ServiceVersionId)
                        .Select(v => v.Title).SingleAsync(cancellationToken).ConfigureAwait(false);
        var (recipient, subject, text) = trigger == OrderTrigger.Place
            ? (order.AssignedExpertPartyId ?? order.ExpertPartyId,
                $"Neuer Auftrag {order.Number}: {title}",
                $"Sie haben einen neuen Auftrag erhalten: {order.Number} – {title}. Bitte prüfen Sie ihn und nehmen Sie ihn an oder lehnen Sie ihn ab.")
            : (order.BrokerPartyId,
                $"Auftrag {order.Number} abgeschlossen: {title}",
                $"Der Auftrag {order.Number} – {title} wurde abgeschlossen. Sie können die Leistung jetzt bewerten.");
        await Messaging.DigitalMessages.AddSystemNoticeAsync(db, order, recipient, historySequence, subject, text, _time, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> VersionMovedAsync(Guid orderId, long loadedVersion, int loadedHistoryCount, CancellationToken cancellationToken)
    {
        await using var db = _factory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false); // one connection for the whole unit of work
        var current = await db.Set<ExpertOrder>().AsNoTracking().Where(o => o.Id == orderId).Select(o => new { o.Version, o.HistoryCount })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return current is null || current.Version != loadedVersion || current.HistoryCount != loadedHistoryCount;
    }

    /// <summary>Checks uploads against the options' count, size and type limits; one error per problem, by field.</summary>
    internal IEnumerable<FieldError> ValidateAttachments(IReadOnlyList<DocumentUpload> attachments, string fieldPrefix = "attachments") =>
        AttachmentValidation.Validate(attachments, MaxAttachments, _options, fieldPrefix);

    private string? NormaliseFormData(string? json, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        if (json.Length > _options.MaxFormDataLength)
        {
            errors.Add(InputErrors.TooLong("formData", _options.MaxFormDataLength));
            return null;
        }

        using var document = InputJson.Parse(json, "formData", errors, errorsPerTopLevelKey: true);
        if (document is null)
        {
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            errors.Add(InputErrors.Malformed("formData"));
            return null;
        }

        return JsonSerializer.Serialize(document.RootElement);
    }

    /// <summary>
    /// The customer data the order keeps: the display name, plus exactly the fields the service's data categories name
    /// (data minimisation, DESIGN.md §5). A field the host does not know is simply absent.
    /// </summary>
    private static string CustomerSnapshot(CustomerRecord customer, string displayName, ExpertServiceVersion version)
    {
        var sharing = DataSharing.TryParse(version.DataCategoriesJson, out _) ?? DataSharing.None;
        var snapshot = new SortedDictionary<string, string?>(StringComparer.Ordinal) { ["displayName"] = displayName };
        foreach (var field in sharing.CustomerFields)
        {
            if (customer.Fields.TryGetValue(field, out var value))
            {
                snapshot[field] = value;
            }
        }

        return JsonSerializer.Serialize(snapshot);
    }

    private static Task<IReadOnlyList<FieldError>> ValidateFormAsync(
        DbContext db, OrderGuardContext context, string formDataJson, bool requireComplete, CancellationToken cancellationToken) =>
        context.ServiceVersion is { } loaded // Place loads the version for its guards already
            ? Task.FromResult(ValidateForm(loaded.Id, loaded.FormDefinitionJson, formDataJson, requireComplete))
            : ValidateFormAsync(db, context.Order.ServiceVersionId, formDataJson, requireComplete, cancellationToken);

    private static async Task<IReadOnlyList<FieldError>> ValidateFormAsync(
        DbContext db, Guid serviceVersionId, string formDataJson, bool requireComplete, CancellationToken cancellationToken)
    {
        var definitionJson = await db.Set<ExpertServiceVersion>().AsNoTracking().Where(v => v.Id == serviceVersionId)
            .Select(v => v.FormDefinitionJson).SingleAsync(cancellationToken).ConfigureAwait(false);
        return ValidateForm(serviceVersionId, definitionJson, formDataJson, requireComplete);
    }

    private static IReadOnlyList<FieldError> ValidateForm(Guid serviceVersionId, string definitionJson, string formDataJson, bool requireComplete)
    {
        // Versions are immutable, so a parsed definition is kept per version. One that does not parse was refused when
        // the version was saved; it counts as an empty form.
        var definition = FormDefinitions.GetOrAdd(serviceVersionId, versionId => FormDefinition.TryParse(definitionJson, out _) ?? FormDefinition.Empty);
        return FormValidator.Validate(definition, formDataJson, requireComplete);
    }

    private static TimeZoneInfo FindTimeZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
