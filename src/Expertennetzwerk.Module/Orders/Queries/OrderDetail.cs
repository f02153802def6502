namespace Expertennetzwerk.Module.Orders.Queries;

/// <summary>An order as one actor may see it, with history, documentation and the actions the actor may take now.</summary>
public sealed record OrderDetail
{
    /// <summary>Id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Readable number.</summary>
    public required string Number { get; init; }

    /// <summary>State.</summary>
    public required OrderState State { get; init; }

    /// <summary>Concurrency token; send it back as the expected version.</summary>
    public required long Version { get; init; }

    /// <summary>Owning broker party.</summary>
    public required Guid BrokerPartyId { get; init; }

    /// <summary>Expert party offering the service.</summary>
    public required Guid ExpertPartyId { get; init; }

    /// <summary>The service.</summary>
    public required Guid ServiceId { get; init; }

    /// <summary>The service version.</summary>
    public required Guid ServiceVersionId { get; init; }

    /// <summary>The category.</summary>
    public required Guid CategoryId { get; init; }

    /// <summary>The expert's progress step.</summary>
    public string? ProgressStep { get; init; }

    /// <summary>The state a dispute came from.</summary>
    public OrderState? DisputedFromState { get; init; }

    /// <summary>Created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Placed.</summary>
    public DateTimeOffset? PlacedAt { get; init; }

    /// <summary>Completed.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>True when consent was withdrawn after the work: the data must not be processed further.</summary>
    public bool DataProcessingBlocked { get; init; }

    /// <summary>True when customer data and form data are included (never for the operator without a recorded purpose).</summary>
    public required bool IncludesPersonalData { get; init; }

    /// <summary>
    /// True when the free texts (the history's reasons, questions, answers and notes, and the documentation) are withheld:
    /// the operator reads them only with a recorded purpose; see <see cref="OrderHistoryItem.TextHidden"/> per entry.
    /// </summary>
    public bool TextsHidden { get; init; }

    /// <summary>Customer's key in the host CRM, when personal data are included.</summary>
    public string? CustomerRef { get; init; }

    /// <summary>Customer's display name, when personal data are included.</summary>
    public string? CustomerDisplayName { get; init; }

    /// <summary>The customer fields shared with the expert (JSON), when personal data are included.</summary>
    public string? CustomerSnapshotJson { get; init; }

    /// <summary>The form data (JSON), when personal data are included.</summary>
    public string? FormDataJson { get; init; }

    /// <summary>The title of the order's service version (the one it was placed against, not a later one).</summary>
    public string? ServiceTitle { get; init; }

    /// <summary>
    /// The data categories of the order's service version (JSON, as <c>DataSharing.TryParse</c> reads them): what is shared
    /// with the expert, with its legal basis and data subjects.
    /// </summary>
    public string? DataCategoriesJson { get; init; }

    /// <summary>
    /// The order form of the order's service version (JSON, as <c>FormDefinition.TryParse</c> reads it), the one its form
    /// data follow (a later version of the service does not change it), when personal data are included.
    /// </summary>
    public string? FormDefinitionJson { get; init; }

    /// <summary>The history, oldest first.</summary>
    public required IReadOnlyList<OrderHistoryItem> History { get; init; }

    /// <summary>The expert's documentation, oldest first (only with personal data for the operator).</summary>
    public required IReadOnlyList<OrderDocumentationItem> Documentation { get; init; }

    /// <summary>The triggers the actor may fire now: exactly the buttons a UI shows.</summary>
    public required IReadOnlyList<OrderTrigger> PermittedActions { get; init; }
}
