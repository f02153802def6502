using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Orders;

/// <summary>
/// One ordered service for one customer of a broker party (Experten-Auftrag). State changes go through the workflow
/// (<see cref="Workflow.OrderWorkflow"/>); the application service appends history and outbox rows in the same commit.
/// </summary>
public sealed class ExpertOrder
{
    private OrderState _state;

#pragma warning disable CS8618 // EF Core materialises through this constructor and sets every property.
    private ExpertOrder()
    {
    }
#pragma warning restore CS8618

    /// <summary>Creates a draft order.</summary>
    public ExpertOrder(
        Guid id,
        Guid networkId,
        string number,
        Guid brokerPartyId,
        Guid createdByUserId,
        Guid serviceId,
        Guid serviceVersionId,
        Guid expertPartyId,
        Guid categoryId,
        string customerRef,
        string customerDisplayName,
        string customerSnapshotJson,
        DateTimeOffset now)
    {
        Id = id;
        NetworkId = networkId;
        Number = number;
        BrokerPartyId = brokerPartyId;
        CreatedByUserId = createdByUserId;
        ServiceId = serviceId;
        ServiceVersionId = serviceVersionId;
        ExpertPartyId = expertPartyId;
        CategoryId = categoryId;
        CustomerRef = customerRef;
        CustomerSnapshotJson = customerSnapshotJson;
        CustomerDisplayName = customerDisplayName;
        SearchText = BuildSearchText(number, customerDisplayName);
        _state = OrderState.Draft;
        CreatedAt = now;
        UpdatedAt = now;
        Version = 1;
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>Readable number per network and year, e.g. <c>EA-2026-000123</c>.</summary>
    public string Number { get; private set; }

    /// <summary>The broker party that orders (Auftraggeber).</summary>
    public Guid BrokerPartyId { get; private set; }

    /// <summary>The user who created the draft.</summary>
    public Guid CreatedByUserId { get; private set; }

    /// <summary>The ordered service.</summary>
    public Guid ServiceId { get; private set; }

    /// <summary>The service version the order was created and placed against.</summary>
    public Guid ServiceVersionId { get; internal set; }

    /// <summary>The expert party offering the service.</summary>
    public Guid ExpertPartyId { get; private set; }

    /// <summary>The expert party the order is assigned to; set when placed, so drafts never reach an expert.</summary>
    public Guid? AssignedExpertPartyId { get; private set; }

    /// <summary>The service's category, for filters.</summary>
    public Guid CategoryId { get; private set; }

    /// <summary>The customer's key in the host CRM (with the broker party it finds the customer through <c>ICustomerDirectory</c>).</summary>
    public string CustomerRef { get; private set; }

    /// <summary>The customer's display name as copied at creation (personal data).</summary>
    public string CustomerDisplayName { get; private set; }

    /// <summary>The customer fields shared with the expert, as JSON (personal data).</summary>
    public string CustomerSnapshotJson { get; private set; }

    /// <summary>The order form's data as a JSON object (personal data); frozen when placed.</summary>
    public string FormDataJson { get; private set; } = "{}";

    /// <summary>Lower-case number and customer name, for free-text search.</summary>
    public string SearchText { get; private set; }

    /// <summary>The workflow state.</summary>
    public OrderState State
    {
        get => _state;
        internal set
        {
            _state = value;
            IsOpen = OrderStates.IsOpen(value);
        }
    }

    /// <summary>True in an open state (Placed, InProgress, AwaitingInformation, Disputed); lets the expert's work list use one index range.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>The state a dispute was opened from.</summary>
    public OrderState? DisputedFromState { get; internal set; }

    /// <summary>The expert's current progress step (Bearbeitungszustand).</summary>
    public string? ProgressStep { get; internal set; }

    /// <summary>How many documentation entries the expert wrote.</summary>
    public int DocumentationCount { get; internal set; }

    /// <summary>Number of history entries; the next entry gets this plus one.</summary>
    public int HistoryCount { get; internal set; }

    /// <summary>
    /// The hash of the order's last history entry (<see cref="OrderHistoryEntry.Hash"/>): the head of the history's hash
    /// chain, so the next entry links to it without reading the history; null before the first chained entry.
    /// </summary>
    public byte[]? HistoryHead { get; internal set; }

    /// <summary>When the draft was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When anything about the order last changed; lists sort by it.</summary>
    public DateTimeOffset UpdatedAt { get; internal set; }

    /// <summary>When the order was placed.</summary>
    public DateTimeOffset? PlacedAt { get; internal set; }

    /// <summary>When it was completed.</summary>
    public DateTimeOffset? CompletedAt { get; internal set; }

    /// <summary>
    /// True after consent was withdrawn while the order was Completed or Disputed: the state stays, but the customer's
    /// data must not be processed further (the expert no longer sees them; the dispute cannot resume work).
    /// </summary>
    public bool DataProcessingBlocked { get; internal set; }

    /// <summary>Concurrency token, increased by the code on every change.</summary>
    public long Version { get; internal set; }

    /// <summary>Replaces the form data of a draft.</summary>
    internal void SetFormData(string formDataJson) => FormDataJson = formDataJson;

    /// <summary>Assigns the order to the service's expert party (at placement).</summary>
    internal void AssignExpert() => AssignedExpertPartyId = ExpertPartyId;

    /// <summary>Marks a change: new concurrency token and update time.</summary>
    internal void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
    }

    internal static string BuildSearchText(string number, string customerDisplayName) =>
        (number + " " + customerDisplayName).ToLowerInvariant();
}
