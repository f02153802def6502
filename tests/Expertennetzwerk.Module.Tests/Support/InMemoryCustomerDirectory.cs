using System.Collections.Concurrent;
using Expertennetzwerk.Module.Ports;

namespace Expertennetzwerk.Module.Tests.Support;

/// <summary>A fake of the host CRM's customers (ports may be faked in tests; the product's storage is real).</summary>
public sealed class InMemoryCustomerDirectory : ICustomerDirectory
{
    private readonly ConcurrentDictionary<(Guid Broker, string Ref), CustomerRecord> _customers = new();

    public void Add(Guid brokerPartyId, string customerRef, string displayName, IReadOnlyDictionary<string, string?>? fields = null) =>
        _customers[(brokerPartyId, customerRef)] = new CustomerRecord(customerRef, displayName, fields ?? new Dictionary<string, string?>());

    public Task<CustomerRecord?> FindAsync(Guid networkId, Guid brokerPartyId, string customerRef, CancellationToken cancellationToken = default) =>
        Task.FromResult(_customers.GetValueOrDefault((brokerPartyId, customerRef)));
}
