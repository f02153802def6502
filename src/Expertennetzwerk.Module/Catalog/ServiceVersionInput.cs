using Expertennetzwerk.Module.Network;

namespace Expertennetzwerk.Module.Catalog;

/// <summary>
/// The whole content of a service version as an expert saves it ("Dienstleistung bearbeiten"). Every save creates a new,
/// immutable version; nothing of an earlier version is changed. Validated at once: every problem comes back as a field
/// error (see <see cref="ServiceAdministration"/>).
/// </summary>
public sealed record ServiceVersionInput
{
    /// <summary>Title in the catalogue (required, at most <see cref="ServiceAdministration.MaxTitleLength"/> characters).</summary>
    public string? Title { get; init; }

    /// <summary>The expert's description (required, at most <see cref="ServiceAdministration.MaxDescriptionLength"/> characters).</summary>
    public string? Description { get; init; }

    /// <summary>The licence the expert holds and the ordering broker needs (§ 34d/§ 34f/§ 34h/§ 34i GewO).</summary>
    public TradePermission RequiredPermission { get; init; }

    /// <summary>Price the broker pays, in cents (0 when free).</summary>
    public long PriceCents { get; init; }

    /// <summary>Revenue share paid to the broker, in cents (0 when none; advisors can then not order it).</summary>
    public long RevenueShareCents { get; init; }

    /// <summary>How the operator's transaction fee is computed.</summary>
    public FeeKind FeeKind { get; init; }

    /// <summary>The fee: cents for <see cref="FeeKind.Fixed"/>, basis points (at most 10,000) for <see cref="FeeKind.Percent"/>, 0 for none.</summary>
    public long FeeValue { get; init; }

    /// <summary>Business days within which the expert accepts a placed order (1 to 30).</summary>
    public int AcceptWithinBusinessDays { get; init; } = 2;

    /// <summary>Business days within which the expert completes an accepted order (1 to 365).</summary>
    public int CompleteWithinBusinessDays { get; init; } = 10;

    /// <summary>The progress steps the expert can set, in order: each non-empty, unique, at most 200 characters.</summary>
    public IReadOnlyList<string>? ProgressSteps { get; init; }

    /// <summary>The order form definition as JSON (<see cref="Forms.FormDefinition"/>); null or <c>{}</c> for none.</summary>
    public string? FormDefinitionJson { get; init; }

    /// <summary>The data categories shared with the expert as a JSON array (<see cref="DataCategory"/>); null for none.</summary>
    public string? DataCategoriesJson { get; init; }

    /// <summary>The service's own templates as a JSON object keyed <c>kind:language:format</c> (<see cref="Templates.ServiceTemplates"/>); null for none.</summary>
    public string? TemplatesJson { get; init; }
}
