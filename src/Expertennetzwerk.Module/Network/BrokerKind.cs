namespace Expertennetzwerk.Module.Network;

/// <summary>The legal kind of a broker party.</summary>
public enum BrokerKind
{
    /// <summary>Versicherungsmakler (§ 34d Abs. 1 GewO): may receive commissions.</summary>
    InsuranceBroker,
    /// <summary>Versicherungsberater (§ 34d Abs. 2 GewO): may take no pay from third parties, so never a revenue share.</summary>
    InsuranceAdvisor,
}
