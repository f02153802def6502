namespace Expertennetzwerk.Module.Orders.Queries;

/// <summary>One row of an order list.</summary>
/// <param name="Id">Id.</param>
/// <param name="Number">Readable number.</param>
/// <param name="State">State.</param>
/// <param name="ServiceId">Service.</param>
/// <param name="CategoryId">Category.</param>
/// <param name="BrokerPartyId">Owning broker party.</param>
/// <param name="ExpertPartyId">Expert party.</param>
/// <param name="CustomerDisplayName">The customer's name (null for the operator, who sees metadata only, and for the expert once a consent withdrawal blocked the order's data).</param>
/// <param name="ProgressStep">The expert's progress step.</param>
/// <param name="CreatedAt">Created.</param>
/// <param name="UpdatedAt">Last changed.</param>
public sealed record OrderListItem(
    Guid Id,
    string Number,
    OrderState State,
    Guid ServiceId,
    Guid CategoryId,
    Guid BrokerPartyId,
    Guid ExpertPartyId,
    string? CustomerDisplayName,
    string? ProgressStep,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
