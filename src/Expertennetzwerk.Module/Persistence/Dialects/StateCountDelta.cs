using Expertennetzwerk.Module.Orders;

namespace Expertennetzwerk.Module.Persistence.Dialects;

/// <summary>A change of one party's per-state order count.</summary>
internal readonly record struct StateCountDelta(Guid PartyId, OrderRole Role, OrderState State, int Delta);
