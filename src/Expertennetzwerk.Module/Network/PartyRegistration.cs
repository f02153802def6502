namespace Expertennetzwerk.Module.Network;

/// <summary>A trade licence a party holds, with its IHK register number (Vermittlerregister).</summary>
public sealed class PartyRegistration
{
    /// <summary>Creates a registration.</summary>
    public PartyRegistration(Guid id, TradePermission permission, string registerNumber)
    {
        Id = id;
        Permission = permission;
        RegisterNumber = registerNumber;
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The party holding it.</summary>
    public Guid PartyId { get; private set; }

    /// <summary>The licence.</summary>
    public TradePermission Permission { get; private set; }

    /// <summary>IHK register number, e.g. <c>D-W-123-ABCD-45</c>.</summary>
    public string RegisterNumber { get; private set; }
}
