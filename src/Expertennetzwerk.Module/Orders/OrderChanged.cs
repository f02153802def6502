namespace Expertennetzwerk.Module.Orders;

/// <summary>What a successful order command leaves behind.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Number">Its readable number.</param>
/// <param name="State">Its state now.</param>
/// <param name="Version">Its concurrency token now (pass it as the expected version of the next command).</param>
public sealed record OrderChanged(Guid OrderId, string Number, OrderState State, long Version);
