using System.Text;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Diagnostics;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders.Listing;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Orders.Workflow;
using Expertennetzwerk.Module.Persistence;
using Expertennetzwerk.Module.Persistence.Dialects;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Templates;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Orders;

/// <summary>
/// Reads orders as one actor may see them: the order detail with history, documentation and permitted actions, and
/// the keyset-paged order list with per-state counts. Foreign or unknown ids answer NotFound.
/// </summary>
public sealed class ExpertOrderQueries
{
    private readonly RefusalDescriber _refusals;
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Longest <see cref="OrderListQuery.CustomerRef"/> filter (the longest reference an order can have).</summary>
    public const int MaxCustomerRefLength = 128;

    /// <summary>Longest recorded purpose of an operator's access to personal data.</summary>
    public const int MaxPurposeLength = 500;

    /// <summary>The history event of an operator's look at an order's personal data (its text is the purpose).</summary>
    public const string OperatorAccessEvent = "OperatorAccess";

    /// <summary>The history event of an operator's opening of one of an order's files (its text is the purpose).</summary>
    public const string OperatorFileAccessEvent = "OperatorFileAccess";

    private readonly IModuleDbContextFactory _factory;
    private readonly ActorVerifier _actors;
    private readonly CursorProtector _cursors;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<IOrderWorkflowExtension> _extensions;
    private readonly TemplateService _templates;
    private readonly IDocumentStore _documents;

    internal ExpertOrderQueries(
        IModuleDbContextFactory factory,
        ActorVerifier actors,
        CursorProtector cursors,
        TimeProvider time,
        IEnumerable<IOrderWorkflowExtension> extensions,
        TemplateService templates,
        IDocumentStore documents,
        RefusalDescriber refusals)
    {
        _refusals = refusals;
        _documents = documents;
        _factory = factory;
        _actors = actors;
        _cursors = cursors;
        _time = time;
        _extensions = extensions.ToList();
        _templates = templates;
    }

    /// <summary>
    /// "Auftragsbeschreibung anzeigen": the order description exactly as the expert receives it (same templates,
    /// renderer and data), as text and HTML, plus the customer data categories and values that are shared. The owning
    /// broker may preview it in any state (a draft shows no placement date); the assigned expert reads the same from
    /// Placed on, unless consent was withdrawn and the data are blocked (<see cref="PersonalDataAccess"/>): then it answers
    /// Refused <c>order.data_processing_blocked</c>.
    /// </summary>
    public async Task<Result<OrderDescriptionPreview>> GetOrderDescriptionAsync(Actor actor, Guid orderId, string? culture = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ExpertOrderQueries>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<OrderDescriptionPreview>.From(Result.Forbidden());
        }

        await using var db = _factory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var (order, role) = await OrderAccess.FindAsync(db, actor, orderId, cancellationToken, tracking: false).ConfigureAwait(false);
        if (order is null || role == OrderRole.None)
        {
            return Result<OrderDescriptionPreview>.From(Result.NotFound());
        }

        if (role is not (OrderRole.OwningBroker or OrderRole.AssignedExpert))
        {
            return Result<OrderDescriptionPreview>.From(_refusals.Refused(OrderRefusals.ActorNotPermitted));
        }

        if (!PersonalDataAccess.Allows(role, order))
        {
            return Result<OrderDescriptionPreview>.From(_refusals.Refused(OrderRefusals.DataProcessingBlocked));
        }

        var data = await OrderTemplateData.LoadAsync(db, order, null, cancellationToken).ConfigureAwait(false);
        var language = TemplateFormatter.Language(culture);
        var model = data.DescriptionModel(language);
        return new OrderDescriptionPreview(
            order.Id,
            _templates.Render(TemplateKind.OrderDescription, language, TemplateFormat.Text, model, data.Templates, cancellationToken),
            _templates.Render(TemplateKind.OrderDescription, language, TemplateFormat.Html, model, data.Templates, cancellationToken),
            data.SharedCustomerData(language));
    }

    /// <summary>
    /// The order as the actor may see it. The operator sees metadata only — the history's events, times, actors and
    /// states, but not its texts (<see cref="OrderDetail.TextsHidden"/>); with a <paramref name="operatorAccessPurpose"/>
    /// (e.g. "Streitfall prüfen") it also sees customer data, form data, the history's texts and the documentation, and
    /// the access is historised (<see cref="OperatorAccessEvent"/>).
    /// </summary>
    public async Task<Result<OrderDetail>> GetOrderAsync(Actor actor, Guid orderId, string? operatorAccessPurpose = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ExpertOrderQueries>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<OrderDetail>.From(Result.Forbidden());
        }

        await using var db = _factory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false); // one connection for the whole unit of work
        var (order, role) = await OrderAccess.FindAsync(db, actor, orderId, cancellationToken).ConfigureAwait(false);
        if (order is null || role == OrderRole.None)
        {
            return Result<OrderDetail>.From(Result.NotFound());
        }

        // After a withdrawn consent the expert no longer sees the customer's data (GDPR Art. 7(3)); the broker still does.
        var includePersonalData = PersonalDataAccess.Allows(role, order);
        var purposeErrors = new List<FieldError>();
        var purpose = OperatorAccess.Purpose(operatorAccessPurpose, purposeErrors);
        if (role == OrderRole.Operator && purposeErrors.Count > 0)
        {
            return Result<OrderDetail>.From(Result.Invalid(purposeErrors));
        }

        if (role == OrderRole.Operator && purpose is not null)
        {
            // The access itself is history: who opened which customer's data, when and why.
            if (await OperatorAccess.RecordAsync(db, _factory, order, actor, OperatorAccessEvent, purpose, _time, cancellationToken).ConfigureAwait(false) is { } failure)
            {
                return Result<OrderDetail>.From(_refusals.Describe(failure));
            }

            includePersonalData = PersonalDataAccess.Allows(role, order, operatorPurposeRecorded: true);
        }

        // Reasons, questions, answers and notes are free text that users fill with personal data: shown exactly when the
        // personal data are (the operator's look without a purpose gets events, times, actors and states only).
        var showTexts = includePersonalData;
        var history = await db.Set<OrderHistoryEntry>().AsNoTracking()
            .Where(h => h.NetworkId == order.NetworkId && h.OrderId == order.Id)
            .OrderBy(h => h.Sequence)
            .Select(h => new OrderHistoryItem(
                h.Sequence, h.At, h.UserId, h.PartyId, h.PartyKind, h.Event, h.FromState, h.ToState, showTexts ? h.Text : null, !showTexts && h.Text != null))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        IReadOnlyList<OrderDocumentationItem> documentation = [];
        if (includePersonalData)
        {
            var entries = await db.Set<OrderDocumentation>().AsNoTracking().Include(d => d.Attachments)
                .Where(d => d.NetworkId == order.NetworkId && d.OrderId == order.Id)
                .OrderBy(d => d.At).ThenBy(d => d.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            documentation = entries.Select(d => new OrderDocumentationItem(
                d.Id, d.At, d.UserId, d.Text,
                d.Attachments.Select(a => new OrderAttachmentInfo(a.Id, a.DocumentId, a.FileName, a.ContentType, a.Length)).ToList())).ToList();
        }

        // The order's own version, not the published one: a later version changes neither its title nor its form.
        var version = await db.Set<ExpertServiceVersion>().AsNoTracking()
            .Where(v => v.Id == order.ServiceVersionId)
            .Select(v => new { v.Title, v.DataCategoriesJson, FormDefinitionJson = includePersonalData ? v.FormDefinitionJson : null })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var permitted = await PermittedActionsAsync(db, order, actor, role, cancellationToken).ConfigureAwait(false);
        return new OrderDetail
        {
            Id = order.Id,
            Number = order.Number,
            State = order.State,
            Version = order.Version,
            BrokerPartyId = order.BrokerPartyId,
            ExpertPartyId = order.ExpertPartyId,
            ServiceId = order.ServiceId,
            ServiceVersionId = order.ServiceVersionId,
            CategoryId = order.CategoryId,
            ProgressStep = order.ProgressStep,
            DisputedFromState = order.DisputedFromState,
            CreatedAt = order.CreatedAt,
            UpdatedAt = order.UpdatedAt,
            PlacedAt = order.PlacedAt,
            CompletedAt = order.CompletedAt,
            IncludesPersonalData = includePersonalData,
            TextsHidden = !showTexts,
            DataProcessingBlocked = order.DataProcessingBlocked,
            CustomerRef = includePersonalData ? order.CustomerRef : null,
            CustomerDisplayName = includePersonalData ? order.CustomerDisplayName : null,
            CustomerSnapshotJson = includePersonalData ? order.CustomerSnapshotJson : null,
            FormDataJson = includePersonalData ? order.FormDataJson : null,
            ServiceTitle = version?.Title,
            DataCategoriesJson = version?.DataCategoriesJson,
            FormDefinitionJson = version?.FormDefinitionJson,
            History = history,
            Documentation = documentation,
            PermittedActions = permitted,
        };
    }

    /// <summary>
    /// Opens one of the order's files — a documentation attachment, a message attachment or a paper consent's scan — for
    /// the actor, with exactly the visibility of what the file belongs to: documentation for the owning broker and the
    /// assigned expert; a message's attachment for the thread's readers; a scan for the owning broker only (never the
    /// expert). The operator needs <paramref name="operatorAccessPurpose"/> (<c>order.purpose_required</c> otherwise,
    /// asked before anything is looked up), and each opening is historised (<see cref="OperatorFileAccessEvent"/>).
    /// Once consent was withdrawn and the order's data are blocked, the expert opens none of the order's files.
    /// </summary>
    /// <param name="actor">Who reads.</param>
    /// <param name="orderId">The order the file belongs to.</param>
    /// <param name="fileId">
    /// The attachment's id (<see cref="OrderAttachmentInfo.Id"/>, <see cref="Messaging.Queries.MessageAttachmentInfo.Id"/>) or, for a
    /// paper scan, the consent's id (<see cref="ConsentSummary.Id"/>) — never the document store's id, so a file is
    /// always reached through the row that says whose it is.
    /// </param>
    /// <param name="operatorAccessPurpose">Why the operator opens it (required for the operator, ignored for others).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// The file (the caller disposes it); NotFound for an unknown id, a file of another order or network, a store that
    /// lost the content, or a file the actor may not see — one answer, so nothing about other files is revealed.
    /// </returns>
    public async Task<Result<OrderFile>> OpenFileAsync(
        Actor actor, Guid orderId, Guid fileId, string? operatorAccessPurpose = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ExpertOrderQueries>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<OrderFile>.From(Result.Forbidden());
        }

        await using var db = _factory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false); // one connection for the whole unit of work
        var (order, role) = await OrderAccess.FindAsync(db, actor, orderId, cancellationToken).ConfigureAwait(false);

        // After a withdrawal nothing of the data subject reaches the expert, files included; the operator's purpose is checked next.
        if (order is null || !(role == OrderRole.Operator || PersonalDataAccess.Allows(role, order)))
        {
            return Result<OrderFile>.From(Result.NotFound());
        }

        var purposeErrors = new List<FieldError>();
        var purpose = OperatorAccess.Purpose(operatorAccessPurpose, purposeErrors);
        if (role == OrderRole.Operator && purposeErrors.Count > 0)
        {
            return Result<OrderFile>.From(Result.Invalid(purposeErrors));
        }

        if (role == OrderRole.Operator && purpose is null)
        {
            return Result<OrderFile>.From(_refusals.Refused(OrderRefusals.PurposeRequired));
        }

        var file = await FindFileAsync(db, order, fileId, cancellationToken).ConfigureAwait(false);
        var visible = file?.Kind switch
        {
            OrderFileKind.Documentation => true, // broker, expert (not blocked, checked above), operator with a purpose
            OrderFileKind.MessageAttachment => ThreadAccess.CheckReader(order, actor, out _) is null,
            OrderFileKind.ConsentScan => role != OrderRole.AssignedExpert,
            _ => false,
        };
        if (!visible)
        {
            return Result<OrderFile>.From(Result.NotFound());
        }

        var content = await _documents.OpenAsync(order.NetworkId, file!.DocumentId, cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return Result<OrderFile>.From(Result.NotFound());
        }

        if (role == OrderRole.Operator
            && await OperatorAccess.RecordAsync(db, _factory, order, actor, OperatorFileAccessEvent, purpose!, _time, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            return Result<OrderFile>.From(_refusals.Describe(failure));
        }

        var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(content.Content, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.Content.ToArray(), writable: false);
        return new OrderFile(fileId, file.Kind, file.FileName ?? content.FileName, file.ContentType ?? content.ContentType, content.Content.Length, stream);
    }

    /// <summary>The triggers the actor may fire on the order now (the buttons a UI shows), or NotFound.</summary>
    public async Task<Result<IReadOnlyList<OrderTrigger>>> GetPermittedActionsAsync(Actor actor, Guid orderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ExpertOrderQueries>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<IReadOnlyList<OrderTrigger>>.From(Result.Forbidden());
        }

        await using var db = _factory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false); // one connection for the whole unit of work
        var (order, role) = await OrderAccess.FindAsync(db, actor, orderId, cancellationToken, tracking: false).ConfigureAwait(false);
        if (order is null || role == OrderRole.None)
        {
            return Result<IReadOnlyList<OrderTrigger>>.From(Result.NotFound());
        }

        return Result<IReadOnlyList<OrderTrigger>>.Ok(await PermittedActionsAsync(db, order, actor, role, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The names of the network's parties among <paramref name="partyIds"/> (the firms, no person's data), for the
    /// operator's order list, which shows broker and expert party per row; any other actor gets Forbidden.
    /// </summary>
    internal async Task<Result<IReadOnlyDictionary<Guid, string>>> PartyNamesAsync(Actor actor, IReadOnlyCollection<Guid> partyIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(partyIds);
        if (actor.PartyKind != PartyKind.Operator || !await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<IReadOnlyDictionary<Guid, string>>.From(Result.Forbidden());
        }

        if (partyIds.Count == 0)
        {
            return Result<IReadOnlyDictionary<Guid, string>>.Ok(new Dictionary<Guid, string>());
        }

        var ids = partyIds.Distinct().ToList();
        await using var db = _factory.CreateDbContext();
        var names = await db.Set<Party>().AsNoTracking()
            .Where(p => p.NetworkId == actor.NetworkId && ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name })
            .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken).ConfigureAwait(false);
        return Result<IReadOnlyDictionary<Guid, string>>.Ok(names);
    }

    /// <summary>
    /// One page of the actor's orders, newest change first, with per-state counts for the header. Customer names are shown,
    /// searched and filterable by <see cref="OrderListQuery.CustomerRef"/> only where the actor sees the order's personal
    /// data (<see cref="PersonalDataAccess"/>): the expert's rows of a blocked order carry no name and a search or a
    /// reference filter does not find them by the customer; the operator's list shows no names, its search looks at order
    /// numbers only, and it may not filter by customer reference (ValidationFailed <c>customerRef</c>/<c>not_allowed</c>).
    /// </summary>
    public async Task<Result<OrderPage>> ListOrdersAsync(Actor actor, OrderListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        using var useCase = ExpertennetzwerkDiagnostics.StartUseCase<ExpertOrderQueries>(actor);
        if (!await _actors.VerifyAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return Result<OrderPage>.From(Result.Forbidden());
        }

        if (actor.PartyKind is PartyKind.Customer)
        {
            return Result<OrderPage>.From(_refusals.Refused(OrderRefusals.ActorNotPermitted));
        }

        var errors = new List<FieldError>();
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            errors.Add(InputErrors.OutOfRange("pageSize", 1, MaxPageSize));
        }

        var text = InputText.Optional(query.Text, "text", 100, errors, singleLine: true);
        var customerRef = InputText.Optional(query.CustomerRef, "customerRef", MaxCustomerRefLength, errors, singleLine: true);

        // The reference is personal data: only an actor who is shown it may filter by it (else the filter would probe it).
        var listRole = PersonalDataAccess.ListRole(actor.PartyKind);
        var seesPersonalData = PersonalDataAccess.Allows(listRole, dataProcessingBlocked: false);
        if (customerRef is not null && !seesPersonalData)
        {
            errors.Add(InputErrors.NotAllowed("customerRef"));
        }

        var filterHash = FilterHash(actor, query);
        var position = _cursors.Read(query.Cursor, filterHash, errors);

        if (errors.Count > 0)
        {
            return Result<OrderPage>.From(Result.Invalid(errors));
        }

        await using var db = _factory.CreateDbContext();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false); // one connection for the whole unit of work
        var states = StateFilter.From(query.States);
        var firstPageOnly = position is null && string.IsNullOrEmpty(text) && customerRef is null && query.ServiceId is null && query.CategoryId is null
            && query.CreatedFrom is null && query.CreatedTo is null && query.UpdatedFrom is null && query.UpdatedTo is null;
        var loaded = (firstPageOnly
                ? await OrderListFirstPages.For(db).TryReadAsync(db, actor, states, query.PageSize + 1, cancellationToken).ConfigureAwait(false)
                : null)
            ?? await FilteredAsync(db, actor, query, states, position, text, customerRef, listRole, seesPersonalData, cancellationToken).ConfigureAwait(false);
        var rows = loaded
            .Select(r => PersonalDataAccess.Allows(listRole, r.DataProcessingBlocked) ? r.Item : r.Item with { CustomerDisplayName = null })
            .ToList();

        var next = KeysetPage.Trim(rows, query.PageSize, last => _cursors.Protect(new KeysetPosition(last.UpdatedAt, last.Id), filterHash));

        var counts = query.IncludeCounts ? await CountByStateAsync(db, actor, cancellationToken).ConfigureAwait(false) : null;
        return new OrderPage(rows, next, counts);
    }

    /// <summary>A page of any shape: the filters, the cursor and the text of <paramref name="query"/>, newest change first.</summary>
    private static async Task<List<OrderListRow>> FilteredAsync(
        DbContext db, Actor actor, OrderListQuery query, StateFilter states, KeysetPosition? position, string? text, string? customerRef,
        OrderRole listRole, bool seesPersonalData, CancellationToken cancellationToken)
    {
        var orders = db.Set<ExpertOrder>().AsNoTracking().Where(o => o.NetworkId == actor.NetworkId);
        orders = actor.PartyKind switch
        {
            PartyKind.Broker => orders.Where(o => o.BrokerPartyId == actor.PartyId),
            PartyKind.Expert => orders.Where(o => o.AssignedExpertPartyId == actor.PartyId),
            _ => orders,
        };
        orders = states.Apply(orders);

        if (query.ServiceId is { } serviceId)
        {
            orders = orders.Where(o => o.ServiceId == serviceId);
        }

        if (query.CategoryId is { } categoryId)
        {
            orders = orders.Where(o => o.CategoryId == categoryId);
        }

        var hidesBlocked = PersonalDataAccess.HidesBlocked(listRole);
        if (customerRef is not null)
        {
            orders = hidesBlocked
                ? orders.Where(o => o.CustomerRef == customerRef && !o.DataProcessingBlocked)
                : orders.Where(o => o.CustomerRef == customerRef);
        }

        if (query.CreatedFrom is { } createdFrom)
        {
            orders = orders.Where(o => o.CreatedAt >= createdFrom);
        }

        if (query.CreatedTo is { } createdTo)
        {
            orders = orders.Where(o => o.CreatedAt < createdTo);
        }

        if (query.UpdatedFrom is { } updatedFrom)
        {
            orders = orders.Where(o => o.UpdatedAt >= updatedFrom);
        }

        if (query.UpdatedTo is { } updatedTo)
        {
            orders = orders.Where(o => o.UpdatedAt < updatedTo);
        }

        if (position is { } p)
        {
            orders = SqlDialect.For(db).WhereBefore(orders, o => o.UpdatedAt, o => o.Id, p);
        }

        if (!string.IsNullOrEmpty(text))
        {
            // The operator sees metadata only, so it searches order numbers, never customer names; an order whose data are
            // blocked for the actor is found by its number only. The text match comes last: the dialect may choose its
            // plan by the hits within everything else the page is restricted to.
            var number = text.ToUpperInvariant();
            if (seesPersonalData && hidesBlocked)
            {
                orders = orders.Where(o => !o.DataProcessingBlocked || o.Number.Contains(number));
            }

            orders = seesPersonalData
                ? await SqlDialect.For(db).WhereTextMatchesAsync(db, orders, text, query.PageSize + 1, cancellationToken).ConfigureAwait(false)
                : orders.Where(o => o.Number.Contains(number));
        }

        return await orders
            .OrderByDescending(o => o.UpdatedAt).ThenByDescending(o => o.Id)
            .Take(query.PageSize + 1)
            .Select(seesPersonalData ? OrderListRow.WithPersonalData : OrderListRow.MetadataOnly)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyDictionary<OrderState, long>> CountByStateAsync(DbContext db, Actor actor, CancellationToken cancellationToken)
    {
        var counts = db.Set<OrderStateCount>().AsNoTracking().Where(c => c.NetworkId == actor.NetworkId);
        counts = actor.PartyKind switch
        {
            PartyKind.Broker => counts.Where(c => c.Role == OrderRole.OwningBroker && c.PartyId == actor.PartyId),
            PartyKind.Expert => counts.Where(c => c.Role == OrderRole.AssignedExpert && c.PartyId == actor.PartyId),

            // Every order has exactly one owning broker, so the brokers' counters add up to the network's.
            _ => counts.Where(c => c.Role == OrderRole.OwningBroker),
        };
        var rows = await counts.GroupBy(c => c.State).Select(g => new { State = g.Key, Count = g.Sum(c => c.Count) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var result = Enum.GetValues<OrderState>().ToDictionary(s => s, _ => 0L);
        foreach (var row in rows)
        {
            if (Enum.TryParse<OrderState>(row.State, out var state))
            {
                result[state] = row.Count;
            }
        }

        if (actor.PartyKind == PartyKind.Expert)
        {
            result.Remove(OrderState.Draft);
        }

        return result;
    }

    private async Task<IReadOnlyList<OrderTrigger>> PermittedActionsAsync(DbContext db, ExpertOrder order, Actor actor, OrderRole role, CancellationToken cancellationToken)
    {
        // Place is the only trigger whose guards read more than the order, and it exists only for drafts.
        var context = await OrderGuardContextLoader.LoadAsync(
            db, order, actor, role, order.State == OrderState.Draft, Enum.GetValues<OrderTrigger>(), _extensions, cancellationToken).ConfigureAwait(false);
        var permitted = new List<OrderTrigger>();
        var machine = OrderWorkflow.Create(context);
        foreach (var trigger in await machine.GetPermittedTriggersAsync().ConfigureAwait(false))
        {
            if (_extensions.All(e => e.Check(trigger, context) is null))
            {
                permitted.Add(trigger);
            }
        }

        permitted.Sort();
        return permitted.Distinct().ToList();
    }

    /// <summary>The file row with <paramref name="fileId"/> among the order's three kinds of file, or null.</summary>
    private static async Task<FileRow?> FindFileAsync(DbContext db, ExpertOrder order, Guid fileId, CancellationToken cancellationToken)
    {
        var networkId = order.NetworkId;
        var orderId = order.Id;
        var documentation = await (
                from a in db.Set<OrderAttachment>().AsNoTracking()
                join d in db.Set<OrderDocumentation>().AsNoTracking() on a.DocumentationId equals d.Id
                where a.Id == fileId && a.NetworkId == networkId && d.NetworkId == networkId && d.OrderId == orderId
                select new FileRow(OrderFileKind.Documentation, a.DocumentId, a.FileName, a.ContentType))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (documentation is not null)
        {
            return documentation;
        }

        var message = await (
                from a in db.Set<DigitalMessageAttachment>().AsNoTracking()
                join m in db.Set<DigitalMessage>().AsNoTracking() on a.MessageId equals m.Id
                where a.Id == fileId && a.NetworkId == networkId && m.NetworkId == networkId && m.OrderId == orderId
                select new FileRow(OrderFileKind.MessageAttachment, a.DocumentId, a.FileName, a.ContentType))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (message is not null)
        {
            return message;
        }

        var scan = await db.Set<ConsentDeclaration>().AsNoTracking()
            .Where(c => c.Id == fileId && c.NetworkId == networkId && c.OrderId == orderId && c.ScanDocumentId != null)
            .Select(c => c.ScanDocumentId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return scan is { } documentId ? new FileRow(OrderFileKind.ConsentScan, documentId, null, null) : null;
    }

    private sealed record FileRow(OrderFileKind Kind, Guid DocumentId, string? FileName, string? ContentType);

    private static ulong FilterHash(Actor actor, OrderListQuery query)
    {
        var text = new StringBuilder()
            .Append(actor.NetworkId).Append('|').Append(actor.PartyId).Append('|').Append(actor.PartyKind).Append('|')
            .Append(query.States is null ? string.Empty : string.Join(",", query.States.Order())).Append('|')
            .Append(query.ServiceId).Append('|').Append(query.CategoryId).Append('|').Append(query.CustomerRef).Append('|')
            .Append(query.CreatedFrom?.UtcTicks).Append('|').Append(query.CreatedTo?.UtcTicks).Append('|')
            .Append(query.UpdatedFrom?.UtcTicks).Append('|').Append(query.UpdatedTo?.UtcTicks).Append('|')
            .Append(query.Text?.Trim()).Append('|').Append(query.PageSize);
        return CursorProtector.FilterHash(text.ToString());
    }
}
