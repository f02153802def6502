using Expertennetzwerk.Module.AspNetCore.Api.Http;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Orders;

/// <summary>
/// The assigned expert's work on the order page (partial <c>_OrderExpertActions.cshtml</c>): accept, decline with a
/// reason, document with attachments, set one of the order's service version's progress steps, ask for information,
/// resume, complete, cancel with a reason — each through <see cref="ExpertOrderService"/> with the version the reader
/// saw — and the customer data shared with the expert by category and legal basis (none once the core blocks them).
/// </summary>
internal sealed partial class OrderModel
{
    /// <summary>Field names of the expert's forms (also where the core's field errors are shown).</summary>
    public const string DeclineReasonField = "declineReason";

    /// <inheritdoc cref="DeclineReasonField"/>
    public const string CancelReasonField = "cancelReason";

    /// <inheritdoc cref="DeclineReasonField"/>
    public const string DocumentationTextField = "documentationText";

    /// <inheritdoc cref="DeclineReasonField"/>
    public const string DocumentationFilesField = "documentationFiles";

    /// <inheritdoc cref="DeclineReasonField"/>
    public const string StepField = "step";

    /// <inheritdoc cref="DeclineReasonField"/>
    public const string QuestionField = "question";

    /// <inheritdoc cref="DeclineReasonField"/>
    public const string AnswerField = "answer";

    /// <summary>The progress steps of the order's own service version (empty: any step text).</summary>
    public IReadOnlyList<string> ProgressSteps { get; private set; } = [];

    /// <summary>The customer data the assigned expert receives; null when the reader is not the expert or the core withholds them.</summary>
    public IReadOnlyList<SharedDataItem>? SharedData { get; private set; }

    /// <summary>The reason typed for declining, kept when the core refuses it.</summary>
    [BindProperty(Name = DeclineReasonField)]
    public string? DeclineReason { get; set; }

    /// <summary>The reason typed for cancelling, kept when the core refuses it.</summary>
    [BindProperty(Name = CancelReasonField)]
    public string? CancelReason { get; set; }

    /// <summary>The documentation typed, kept when the core refuses it.</summary>
    [BindProperty(Name = DocumentationTextField)]
    public string? DocumentationText { get; set; }

    /// <summary>The progress step chosen, kept when the core refuses it.</summary>
    [BindProperty(Name = StepField)]
    public string? Step { get; set; }

    /// <summary>The question typed, kept when the core refuses it.</summary>
    [BindProperty(Name = QuestionField)]
    public string? Question { get; set; }

    /// <summary>The answer (or the expert's note on resuming) typed, kept when the core refuses it.</summary>
    [BindProperty(Name = AnswerField)]
    public string? Answer { get; set; }

    /// <summary>True when the reader is the order's expert party.</summary>
    public bool ReadsAsExpert => Actor.PartyKind == PartyKind.Expert && Order.ExpertPartyId == Actor.PartyId;

    /// <summary>"Annehmen".</summary>
    public Task<IActionResult> OnPostAcceptAsync(Guid orderId, long version, CancellationToken cancellationToken) =>
        RunAsync(orderId, null, async () => await orders.AcceptAsync(Actor, orderId, version, cancellationToken), cancellationToken, PartyKind.Expert);

    /// <summary>"Ablehnen" with a reason.</summary>
    public Task<IActionResult> OnPostDeclineAsync(Guid orderId, long version, CancellationToken cancellationToken) =>
        RunAsync(orderId, DeclineReasonField, async () => await orders.DeclineAsync(Actor, orderId, DeclineReason ?? string.Empty, version, cancellationToken), cancellationToken, PartyKind.Expert);

    /// <summary>Sets a progress step of the order's service version.</summary>
    public Task<IActionResult> OnPostProgressAsync(Guid orderId, long version, CancellationToken cancellationToken) =>
        RunAsync(orderId, StepField, async () => await orders.SetProgressStepAsync(Actor, orderId, Step ?? string.Empty, version, cancellationToken), cancellationToken, PartyKind.Expert);

    /// <summary>Documents the work with files (multipart; a refused type or size is shown at the file field, the text kept).</summary>
    public async Task<IActionResult> OnPostDocumentAsync(Guid orderId, long version, CancellationToken cancellationToken)
    {
        var form = await Request.ReadFormAsync(cancellationToken);
        var attachments = await ApiForms.UploadsAsync(form, DocumentationFilesField, cancellationToken, skipEmpty: true);
        _fieldKey = field => field.StartsWith("attachments", StringComparison.Ordinal) ? DocumentationFilesField : field == "text" ? DocumentationTextField : null;
        return await RunAsync(orderId, DocumentationTextField, async () => await orders.AddDocumentationAsync(
            Actor, orderId, DocumentationText ?? string.Empty, attachments, version, cancellationToken), cancellationToken, PartyKind.Expert);
    }

    /// <summary>"Informationen anfordern": the question to the broker.</summary>
    public Task<IActionResult> OnPostQuestionAsync(Guid orderId, long version, CancellationToken cancellationToken) =>
        RunAsync(orderId, QuestionField, async () => await orders.RequestInformationAsync(Actor, orderId, Question ?? string.Empty, version, cancellationToken), cancellationToken, PartyKind.Expert);

    /// <summary>The broker's answer, or the expert resuming the work with a note.</summary>
    public Task<IActionResult> OnPostAnswerAsync(Guid orderId, long version, CancellationToken cancellationToken) =>
        RunAsync(orderId, AnswerField, async () => await orders.ProvideInformationAsync(Actor, orderId, Answer ?? string.Empty, version, cancellationToken), cancellationToken,
            PartyKind.Broker, PartyKind.Expert);

    /// <summary>"Abschließen".</summary>
    public Task<IActionResult> OnPostCompleteAsync(Guid orderId, long version, CancellationToken cancellationToken) =>
        RunAsync(orderId, null, async () => await orders.CompleteAsync(Actor, orderId, version, cancellationToken), cancellationToken, PartyKind.Expert);

    /// <summary>"Stornieren" with a reason.</summary>
    public Task<IActionResult> OnPostCancelAsync(Guid orderId, long version, CancellationToken cancellationToken) =>
        RunAsync(orderId, CancelReasonField, async () => await orders.CancelAsync(Actor, orderId, CancelReason ?? string.Empty, version, cancellationToken), cancellationToken, PartyKind.Expert);

    private async Task LoadExpertAsync(CancellationToken cancellationToken)
    {
        ProgressSteps = [];
        SharedData = null;
        if (!ReadsAsExpert)
        {
            return;
        }

        if (May(OrderTrigger.SetProgressStep))
        {
            // The order keeps its own service version: its steps, not the published version's.
            var version = await HttpContext.RequestServices.GetRequiredService<ServiceAdministration>().GetVersionAsync(Actor, Order.ServiceVersionId, cancellationToken);
            ProgressSteps = version.IsOk ? version.Value.Content.ProgressSteps ?? [] : [];
        }

        // The core withholds the shared data before placement and after a consent withdrawal blocked them.
        var description = await queries.GetOrderDescriptionAsync(Actor, Order.Id, Culture.Name, cancellationToken);
        SharedData = description.IsOk ? description.Value.SharedData : null;
    }
}
