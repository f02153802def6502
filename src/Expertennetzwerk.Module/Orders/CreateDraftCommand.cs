namespace Expertennetzwerk.Module.Orders;

/// <summary>Input of "Experten-Dienstleistung bestellen": a new draft order of a service for one customer.</summary>
/// <param name="ServiceId">The service to order.</param>
/// <param name="CustomerRef">The customer's key in the host CRM.</param>
/// <param name="FormDataJson">Optional initial form data (a JSON object).</param>
public sealed record CreateDraftCommand(Guid ServiceId, string CustomerRef, string? FormDataJson = null);
