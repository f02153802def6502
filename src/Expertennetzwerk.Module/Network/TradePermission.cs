namespace Expertennetzwerk.Module.Network;

/// <summary>A trade licence under the German Trade Regulation Act (GewO) a party holds or a service needs.</summary>
public enum TradePermission
{
    /// <summary>No particular licence needed.</summary>
    None,
    /// <summary>§ 34d GewO: insurance brokerage or advice.</summary>
    Insurance34d,
    /// <summary>§ 34f GewO: financial investment brokerage.</summary>
    Investment34f,
    /// <summary>§ 34h GewO: fee-based financial investment advice.</summary>
    InvestmentAdvice34h,
    /// <summary>§ 34i GewO: real-estate loan brokerage.</summary>
    RealEstateLoan34i,
}
