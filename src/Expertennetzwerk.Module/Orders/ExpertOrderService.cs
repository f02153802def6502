using System.Text.Json;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Diagnostics;
using Expertennetzwerk.Module.Documents;
using Expertennetzwerk.Module.Forms;
using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders.Workflow;
using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Persistence.Dialects;
using Expertennetzwerk.Module.Ports;
using Microsoft.EntityFrameworkCore;
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
    private readonly ActorVerifier _actors;
    private readonly OrderUnitOfWork _unitOfWork;

    internal ExpertOrderService(
        IModuleDbContextFactory factory,
        ActorVerifier actors,
        ICustomerDirectory customers,
        IDocumentStore documents,
        TimeProvider time,
        IOptions<ExpertennetzwerkOptions> options,
        OrderUnitOfWork unitOfWork,
        RefusalDescriber refusals)
    {
        _refusals = refusals;
        _factory = factory;
        _actors = actors;
        _customers = customers;
        _documents = documents;
        _time = time;
        _options = options.Value;
        _unitOfWork = unitOfWork;
    }

    /// <summary>Creates a draft order of a published service for one of the broker party's customers.</summary>
    public async Task<Result<OrderChanged>> CreateDraftAsync(Actor actor, CreateDraftCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(command);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ExpertOrderService>(actor);
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
        OrderHistory.Append(db, order, actor, "Created", OrderState.Draft, OrderState.Draft, null, now, _time);
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
        return _unitOfWork.FireAsync(new OrderCommand(actor, orderId, OrderTrigger.SaveDraft)
        {
            ExpectedVersion = expectedVersion,
            InputErrors = errors,
            Validate = (db, context) => ValidateFormAsync(db, context, formData, requireComplete: false, cancellationToken),
            Effect = (_, order) =>
            {
                order.SetFormData(formData);
                return ValueTask.CompletedTask;
            },
        }, cancellationToken);
    }

    /// <summary>
    /// Orders bindingly and forwards the order to the expert ("verbindlich weiterleiten"). The form must be complete and
    /// valid; its data are frozen with the order from here on.
    /// </summary>
    public Task<Result<OrderChanged>> PlaceAsync(Actor actor, Guid orderId, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        _unitOfWork.FireAsync(new OrderCommand(actor, orderId, OrderTrigger.Place)
        {
            ExpectedVersion = expectedVersion,
            Validate = (db, context) => ValidateFormAsync(db, context, context.Order.FormDataJson, requireComplete: true, cancellationToken),
            Effect = (_, order) =>
            {
                order.AssignExpert();
                order.PlacedAt = _time.GetUtcNow();
                return ValueTask.CompletedTask;
            },
        }, cancellationToken);

    /// <summary>The broker withdraws a draft (discarded) or a placed order, with a reason.</summary>
    public Task<Result<OrderChanged>> WithdrawAsync(Actor actor, Guid orderId, string reason, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        FireWithTextAsync(actor, orderId, OrderTrigger.Withdraw, "reason", reason, expectedVersion, cancellationToken);

    /// <summary>The assigned expert accepts the order.</summary>
    public Task<Result<OrderChanged>> AcceptAsync(Actor actor, Guid orderId, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        _unitOfWork.FireAsync(new OrderCommand(actor, orderId, OrderTrigger.Accept) { ExpectedVersion = expectedVersion }, cancellationToken);

    /// <summary>The assigned expert declines the order, with a reason.</summary>
    public Task<Result<OrderChanged>> DeclineAsync(Actor actor, Guid orderId, string reason, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        FireWithTextAsync(actor, orderId, OrderTrigger.Decline, "reason", reason, expectedVersion, cancellationToken);

    /// <summary>The assigned expert sets one of the service's progress steps.</summary>
    public async Task<Result<OrderChanged>> SetProgressStepAsync(Actor actor, Guid orderId, string step, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var trimmed = InputText.Required(step, "step", 200, errors, singleLine: true);

        return await _unitOfWork.FireAsync(new OrderCommand(actor, orderId, OrderTrigger.SetProgressStep)
        {
            ExpectedVersion = expectedVersion,
            Text = trimmed,
            InputErrors = errors,
            Validate = async (db, context) =>
            {
                var order = context.Order;
                // The service's progress steps are data: only those may be set (any text when the service defines none).
                var steps = await db.Set<ExpertServiceVersion>().AsNoTracking().Where(v => v.Id == order.ServiceVersionId)
                    .Select(v => v.ProgressSteps).SingleAsync(cancellationToken).ConfigureAwait(false);
                return steps.Count == 0 || steps.Contains(trimmed, StringComparer.Ordinal) ? [] : [InputErrors.NotAllowed("step")];
            },
            Effect = (_, order) =>
            {
                order.ProgressStep = trimmed;
                return ValueTask.CompletedTask;
            },
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The assigned expert documents the work, optionally with files.</summary>
    public async Task<Result<OrderChanged>> AddDocumentationAsync(
        Actor actor, Guid orderId, string text, IReadOnlyList<DocumentUpload>? attachments = null, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        attachments ??= [];
        var errors = new List<FieldError>();
        var trimmed = InputText.Required(text, "text", MaxDocumentationLength, errors);

        errors.AddRange(ValidateAttachments(attachments));

        await using var staging = new DocumentStaging(_documents, actor.NetworkId);
        return await _unitOfWork.FireAsync(new OrderCommand(actor, orderId, OrderTrigger.AddDocumentation)
        {
            ExpectedVersion = expectedVersion,
            InputErrors = errors,
            Staging = staging,
            Effect = async (db, order) =>
            {
                var now = _time.GetUtcNow();
                var entry = new OrderDocumentation(Ids.New(_time), order.NetworkId, order.Id, now, actor.UserId, actor.PartyId, trimmed);
                foreach (var upload in attachments)
                {
                    var documentId = await staging.StoreAsync(upload, cancellationToken).ConfigureAwait(false);
                    entry.Attach(new OrderAttachment(Ids.New(_time), order.NetworkId, documentId, InputText.Trim(upload.FileName), upload.ContentType, upload.Content.Length));
                }

                db.Add(entry);
                order.DocumentationCount++;
            },
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The assigned expert asks the broker for information.</summary>
    public Task<Result<OrderChanged>> RequestInformationAsync(Actor actor, Guid orderId, string question, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        FireWithTextAsync(actor, orderId, OrderTrigger.RequestInformation, "question", question, expectedVersion, cancellationToken);

    /// <summary>The broker answers (or the expert resumes with a note).</summary>
    public Task<Result<OrderChanged>> ProvideInformationAsync(Actor actor, Guid orderId, string answer, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        FireWithTextAsync(actor, orderId, OrderTrigger.ProvideInformation, "answer", answer, expectedVersion, cancellationToken);

    /// <summary>The assigned expert completes the documented order.</summary>
    public Task<Result<OrderChanged>> CompleteAsync(Actor actor, Guid orderId, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        _unitOfWork.FireAsync(new OrderCommand(actor, orderId, OrderTrigger.Complete)
        {
            ExpectedVersion = expectedVersion,
            Effect = (_, order) =>
            {
                order.CompletedAt = _time.GetUtcNow();
                return ValueTask.CompletedTask;
            },
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

        return _unitOfWork.FireAsync(new OrderCommand(actor, orderId, trigger) { ExpectedVersion = expectedVersion, Text = trimmed, InputErrors = errors }, cancellationToken);
    }

    /// <summary>Checks uploads against the options' count, size and type limits; one error per problem, by field.</summary>
    private IEnumerable<FieldError> ValidateAttachments(IReadOnlyList<DocumentUpload> attachments) =>
        AttachmentValidation.Validate(attachments, MaxAttachments, _options);

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
    /// (data minimisation, docs/design.md). A field the host does not know is simply absent.
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

    private static TimeZoneInfo FindTimeZone(string id) => NetworkTimeZone.Find(id);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
