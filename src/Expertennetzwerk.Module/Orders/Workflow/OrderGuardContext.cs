using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Network;

namespace Expertennetzwerk.Module.Orders.Workflow;

/// <summary>
/// Everything the workflow's guards look at, loaded before firing (guards are synchronous checks over loaded data).
/// </summary>
public sealed class OrderGuardContext
{
    /// <summary>Creates the context.</summary>
    public OrderGuardContext(ExpertOrder order, Actor actor, OrderRole role)
    {
        Order = order;
        Actor = actor;
        Role = role;
    }

    /// <summary>The order.</summary>
    public ExpertOrder Order { get; }

    /// <summary>Who fires.</summary>
    public Actor Actor { get; }

    /// <summary>The actor's part on the order.</summary>
    public OrderRole Role { get; }

    /// <summary>The order's service version (loaded for <see cref="OrderTrigger.Place"/>).</summary>
    public ExpertServiceVersion? ServiceVersion { get; init; }

    /// <summary>The owning broker party (loaded for <see cref="OrderTrigger.Place"/>).</summary>
    public Party? BrokerParty { get; init; }

    /// <summary>The order's consents (loaded for Place and the consent triggers, for the owning broker or a data subject).</summary>
    internal Consent.OrderConsents? Consents { get; init; }

    /// <summary>Free room for extensions' loaded data, by key.</summary>
    public IDictionary<string, object?> Items { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}
