namespace Expertennetzwerk.Module.Ports;

/// <summary>
/// Port to the host CRM's customer records. The module never stores customers; it copies the fields a service needs
/// into the order's snapshot when a draft is created.
/// </summary>
public interface ICustomerDirectory
{
    /// <summary>Finds a customer of a broker party, or null when the broker party has no such customer.</summary>
    /// <param name="networkId">The network.</param>
    /// <param name="brokerPartyId">The broker party whose customer it is.</param>
    /// <param name="customerRef">The host's key of the customer.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<CustomerRecord?> FindAsync(Guid networkId, Guid brokerPartyId, string customerRef, CancellationToken cancellationToken = default);
}
