namespace Expertennetzwerk.Module.Network;

/// <summary>How an issuer's invoices are taxed.</summary>
public enum VatStatus
{
    /// <summary>Regular VAT (19 %).</summary>
    Regular,
    /// <summary>Small business, no VAT charged (§ 19 UStG).</summary>
    SmallBusiness,
    /// <summary>Exempt brokerage services (§ 4 Nr. 11 UStG).</summary>
    ExemptInsuranceBrokerage,
}
