using Expertennetzwerk.Module.Common;

namespace Expertennetzwerk.Module.Network;

/// <summary>A firm or sole trader in a network: a broker office, an expert's company or the operator. A party has users.</summary>
public sealed class Party
{
    private readonly List<PartyRegistration> _registrations = [];

    /// <summary>Creates a party.</summary>
    public Party(Guid id, Guid networkId, PartyKind kind, string name)
    {
        if (kind is PartyKind.Customer or PartyKind.System)
        {
            throw new ArgumentException("Customers and the system are not parties of a network.", nameof(kind));
        }

        Id = id;
        NetworkId = networkId;
        Kind = kind;
        Name = name;
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>Broker, expert or operator.</summary>
    public PartyKind Kind { get; private set; }

    /// <summary>Legal name.</summary>
    public string Name { get; set; }

    /// <summary>For broker parties: insurance broker or insurance advisor.</summary>
    public BrokerKind? BrokerKind { get; set; }

    /// <summary>Whether the operator has admitted the party.</summary>
    public ApprovalState Approval { get; set; } = ApprovalState.Pending;

    /// <summary>VAT treatment of the party's own supplies.</summary>
    public VatStatus VatStatus { get; set; } = VatStatus.Regular;

    /// <summary>Postal address for billing documents (free form, several lines).</summary>
    public string? Address { get; set; }

    /// <summary>Tax number or VAT id for billing documents.</summary>
    public string? TaxId { get; set; }

    /// <summary>The trade licences the party holds.</summary>
    public IReadOnlyCollection<PartyRegistration> Registrations => _registrations;

    /// <summary>Records a licence.</summary>
    public void AddRegistration(PartyRegistration registration) => _registrations.Add(registration);

    /// <summary>True when the party holds <paramref name="permission"/> (always for <see cref="TradePermission.None"/>).</summary>
    public bool Holds(TradePermission permission) =>
        permission == TradePermission.None || _registrations.Any(r => r.Permission == permission);
}
