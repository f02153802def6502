namespace Expertennetzwerk.Module.Catalog;

/// <summary>A line of business (Kategorie im Sortiment) that services belong to. The nine of the book are seeded; more may be added.</summary>
public sealed class ServiceCategory
{
    /// <summary>Creates a category.</summary>
    public ServiceCategory(Guid id, Guid networkId, string key, string nameGerman, string nameEnglish, int sortOrder)
    {
        Id = id;
        NetworkId = networkId;
        Key = key;
        NameGerman = nameGerman;
        NameEnglish = nameEnglish;
        SortOrder = sortOrder;
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>Stable key, unique per network, e.g. <c>investment</c>.</summary>
    public string Key { get; private set; }

    /// <summary>German name.</summary>
    public string NameGerman { get; set; }

    /// <summary>English name.</summary>
    public string NameEnglish { get; set; }

    /// <summary>Position in lists.</summary>
    public int SortOrder { get; set; }
}
