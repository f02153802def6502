using Expertennetzwerk.Module.AspNetCore.Api.Http;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Orders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.AspNetCore.WebUi.Orders;

/// <summary>
/// The order page's consents (partial <c>_OrderConsents.cshtml</c>): per data subject the service needs consent of, the
/// consent declarations with their status and dates, "Einwilligungserklärung erzeugen" by link or on paper with a scan,
/// and recording a withdrawal given by phone or letter — all through <see cref="ConsentService"/>, for the owning broker.
/// </summary>
internal sealed partial class OrderModel
{
    /// <summary>The consents section; null when the reader is not the owning broker (the core refuses the list then).</summary>
    public OrderConsentsSection? Consents { get; private set; }

    /// <summary>What was typed into a consent form, kept when the core refuses it.</summary>
    public ConsentInput? ConsentTyped { get; private set; }

    /// <summary>Maps a core field error of the running command to the form field it is shown at (null: the page's default).</summary>
    private Func<string, string?>? _fieldKey;

    /// <summary>"Einwilligungserklärung erzeugen" by link: the core renders the text and mails the link to the address.</summary>
    public Task<IActionResult> OnPostConsentLinkAsync(
        Guid orderId, long version, DataSubjectKind subject, string? name, string? email, string? culture, CancellationToken cancellationToken)
    {
        ConsentTyped = new ConsentInput(subject, name, email, culture, null);
        _fieldKey = field => OrderConsentsSection.FieldKey(subject, "link", field);
        var service = HttpContext.RequestServices.GetRequiredService<ConsentService>();
        return RunAsync(orderId, null, async () => await service.RequestConsentAsync(
            Actor, orderId, new RequestConsentCommand(subject, Blank(name), Blank(email), culture), version, cancellationToken), cancellationToken);
    }

    /// <summary>A consent signed on paper, with the scan of the form (type and size checked by the core: a refusal at the field).</summary>
    public async Task<IActionResult> OnPostConsentPaperAsync(
        Guid orderId, long version, DataSubjectKind subject, string? name, string? note, string? culture, CancellationToken cancellationToken)
    {
        ConsentTyped = new ConsentInput(subject, name, null, culture, note);
        _fieldKey = field => OrderConsentsSection.FieldKey(subject, "paper", field);
        var form = await Request.ReadFormAsync(cancellationToken);
        var scans = await ApiForms.UploadsAsync(form, "scan", cancellationToken, skipEmpty: true);
        var service = HttpContext.RequestServices.GetRequiredService<ConsentService>();
        return await RunAsync(orderId, null, async () => await service.RecordPaperConsentAsync(
            Actor, orderId, new RecordPaperConsentCommand(subject, scans.Count > 0 ? scans[0] : null!, Blank(name), Blank(note), culture), version, cancellationToken), cancellationToken);
    }

    /// <summary>A withdrawal the data subject gave by phone or letter, recorded by the owning broker.</summary>
    public Task<IActionResult> OnPostConsentWithdrawalAsync(
        Guid orderId, long version, Guid consentId, ConsentChannel channel, string? note, CancellationToken cancellationToken)
    {
        _fieldKey = field => OrderConsentsSection.WithdrawalFieldKey(consentId, field);
        var service = HttpContext.RequestServices.GetRequiredService<ConsentService>();
        return RunAsync(orderId, null, async () => await service.RecordWithdrawalAsync(Actor, orderId, consentId, channel, Blank(note), version, cancellationToken), cancellationToken);
    }

    private async Task LoadConsentsAsync(CancellationToken cancellationToken)
    {
        Consents = null;
        if (Actor.PartyKind != PartyKind.Broker || Order.BrokerPartyId != Actor.PartyId)
        {
            return;
        }

        var list = await HttpContext.RequestServices.GetRequiredService<ConsentService>().ListAsync(Actor, Order.Id, cancellationToken);
        if (!list.IsOk)
        {
            return;
        }

        // Whose consent the order's service version asks (its data categories), and whoever already has a declaration.
        var needed = (DataSharing.TryParse(Order.DataCategoriesJson, out _) ?? DataSharing.None).SubjectsNeedingConsent;
        Consents = OrderConsentsSection.Build(needed, list.Value, Order.PermittedActions);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>What a consent form held when it was sent.</summary>
internal sealed record ConsentInput(DataSubjectKind Subject, string? Name, string? Email, string? Culture, string? Note);

/// <summary>The order's consents per data subject, and what the broker may do with them now.</summary>
internal sealed record OrderConsentsSection(
    IReadOnlyList<(DataSubjectKind Subject, IReadOnlyList<ConsentSummary> Consents)> Subjects, bool MayCreate, bool MayRecordWithdrawal)
{
    public static OrderConsentsSection? Build(IReadOnlySet<DataSubjectKind> needed, IReadOnlyList<ConsentSummary> consents, IReadOnlyCollection<OrderTrigger> permitted)
    {
        var subjects = needed.Concat(consents.Select(c => c.DataSubject)).Distinct().Order()
            .Select(s => (s, (IReadOnlyList<ConsentSummary>)consents.Where(c => c.DataSubject == s).OrderByDescending(c => c.RequestedAt).ToList()))
            .ToList();
        return subjects.Count == 0
            ? null
            : new OrderConsentsSection(subjects, permitted.Contains(OrderTrigger.RequestConsent), permitted.Contains(OrderTrigger.WithdrawConsent));
    }

    /// <summary>The status word's resource key: an unanswered request past its expiry reads "expired".</summary>
    public static string StatusKey(ConsentSummary consent) =>
        "ConsentStatus" + (consent.IsExpired ? "Expired" : consent.Status.ToString());

    /// <summary>Where a field error of a consent form (link or paper) of <paramref name="subject"/> is shown (<c>scan.fileName</c> → the scan field).</summary>
    public static string FieldKey(DataSubjectKind subject, string form, string field) =>
        $"consent.{subject}.{form}." + (field.StartsWith("scan", StringComparison.Ordinal) ? "scan" : field is "name" or "email" or "culture" or "note" ? field : "dataSubject");

    /// <summary>Where a field error of the withdrawal form of a consent is shown.</summary>
    public static string WithdrawalFieldKey(Guid consentId, string field) =>
        $"withdrawal.{consentId:N}." + (field is "channel" or "note" ? field : "consentId");
}
