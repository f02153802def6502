namespace Expertennetzwerk.SampleHost.Crm;

/// <summary>
/// A customer of a broker office, as the sample CRM stores it (table <c>crm_customers</c>). The module never stores
/// customers: it reaches them through <see cref="SampleCustomerDirectory"/> by (broker party, customer ref).
/// </summary>
public sealed class Customer
{
    /// <summary>The network the broker party belongs to.</summary>
    public Guid NetworkId { get; set; }

    /// <summary>The broker party (Maklerbüro) whose customer this is; first half of the key.</summary>
    public Guid BrokerPartyId { get; set; }

    /// <summary>The CRM's customer number (Kundennummer), unique per broker party; second half of the key.</summary>
    public string CustomerRef { get; set; } = string.Empty;

    /// <summary>Academic title or salutation addition, e.g. "Dr.".</summary>
    public string? Title { get; set; }

    public string FirstName { get; set; } = string.Empty;

    public string LastName { get; set; } = string.Empty;

    /// <summary>For business customers (bAV, Nettolohnoptimierung, Kfz-Flotte): the company name.</summary>
    public string? CompanyName { get; set; }

    public DateOnly? BirthDate { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Street { get; set; }

    public string? PostalCode { get; set; }

    public string? City { get; set; }

    /// <summary>When the CRM record was created (UTC).</summary>
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The name shown in lists: the company for business customers, otherwise title, first and last name.</summary>
    public string DisplayName => CompanyName is { Length: > 0 } company
        ? company
        : string.Join(' ', new[] { Title, FirstName, LastName }.Where(p => !string.IsNullOrWhiteSpace(p)));
}
