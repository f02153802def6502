namespace Expertennetzwerk.Module.Common;

/// <summary>What kind of party an actor acts for.</summary>
public enum PartyKind
{
    /// <summary>A broker party (Auftraggeber, Vermittler): an insurance broker or advisor firm.</summary>
    Broker,
    /// <summary>An expert party (Auftragnehmer, Experte).</summary>
    Expert,
    /// <summary>The operator of the network (Netzwerkorganisation).</summary>
    Operator,
    /// <summary>A broker's customer, acting only through a consent link.</summary>
    Customer,
    /// <summary>The module itself, in background jobs.</summary>
    System,
}
