namespace Expertennetzwerk.Module.Network;

/// <summary>A person who uses the network; may act for several parties (e.g. a broker who is also an expert).</summary>
public sealed class NetworkUser
{
    /// <summary>Creates a user.</summary>
    public NetworkUser(Guid id, Guid networkId, string displayName, string email, string culture = "de-DE")
    {
        Id = id;
        NetworkId = networkId;
        DisplayName = displayName;
        Email = email;
        Culture = culture;
    }

    /// <summary>Id (the host's user id may be used).</summary>
    public Guid Id { get; private set; }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>Name shown to others.</summary>
    public string DisplayName { get; set; }

    /// <summary>Mail address.</summary>
    public string Email { get; set; }

    /// <summary>Preferred culture for mails and texts, e.g. <c>de-DE</c>.</summary>
    public string Culture { get; set; }
}
