namespace Expertennetzwerk.Module.Catalog;

/// <summary>How the operator's transaction fee (Transaktionskosten) of a service is computed.</summary>
public enum FeeKind
{
    /// <summary>No fee.</summary>
    None,
    /// <summary>A fixed amount in cents per completed order.</summary>
    Fixed,
    /// <summary>A share of the service price, in basis points (1/100 %).</summary>
    Percent,
}
