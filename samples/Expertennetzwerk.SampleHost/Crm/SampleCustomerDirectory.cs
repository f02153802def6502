using System.Globalization;
using Expertennetzwerk.Module.Ports;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.SampleHost.Crm;

/// <summary>
/// The module's <see cref="ICustomerDirectory"/> port over the sample CRM's <c>crm_customers</c> table. It uses a
/// short-lived context of its own from the factory, so a lookup never touches a context the caller has open.
/// </summary>
public sealed class SampleCustomerDirectory(IDbContextFactory<SampleCrmDbContext> contexts) : ICustomerDirectory
{
    public async Task<CustomerRecord?> FindAsync(Guid networkId, Guid brokerPartyId, string customerRef, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customer = await db.Customers.AsNoTracking()
            .SingleOrDefaultAsync(c => c.BrokerPartyId == brokerPartyId && c.CustomerRef == customerRef && c.NetworkId == networkId, cancellationToken);
        return customer is null ? null : ToRecord(customer);
    }

    /// <summary>The fields a service may ask for, by the keys the module's form and data-category definitions use.</summary>
    public static CustomerRecord ToRecord(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["title"] = customer.Title,
            ["firstName"] = customer.FirstName,
            ["lastName"] = customer.LastName,
            ["companyName"] = customer.CompanyName,
            ["birthDate"] = customer.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["email"] = customer.Email,
            ["phone"] = customer.Phone,
            ["street"] = customer.Street,
            ["postalCode"] = customer.PostalCode,
            ["city"] = customer.City,
        };
        return new CustomerRecord(customer.CustomerRef, customer.DisplayName, fields);
    }
}
