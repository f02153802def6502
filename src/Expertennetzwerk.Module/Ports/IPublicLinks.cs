namespace Expertennetzwerk.Module.Ports;

/// <summary>
/// Port that builds the absolute links mails and consent texts carry. The default builds them from
/// <c>ExpertennetzwerkOptions.PublicBaseUrl</c>; the ASP.NET Core package builds them from its routes.
/// </summary>
public interface IPublicLinks
{
    /// <summary>The order's page.</summary>
    Uri Order(Guid networkId, Guid orderId);

    /// <summary>The page where the broker rates a completed order.</summary>
    Uri Rating(Guid networkId, Guid orderId);

    /// <summary>The consent page a data subject opens with the secret <paramref name="token"/>.</summary>
    Uri Consent(string token);

    /// <summary>The page that withdraws a consent, opened with its own secret <paramref name="token"/>.</summary>
    Uri ConsentWithdrawal(string token);

    /// <summary>The operator's list of dead letters.</summary>
    Uri DeadLetters(Guid networkId);
}
