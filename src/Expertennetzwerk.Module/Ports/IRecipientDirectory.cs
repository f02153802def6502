namespace Expertennetzwerk.Module.Ports;

/// <summary>
/// Port to the people notifications go to: mail address, display name and culture of a user, of the users of a party,
/// and of the operator. The default reads the module's own users (<c>NetworkUser</c> and party memberships).
/// </summary>
public interface IRecipientDirectory
{
    /// <summary>The user, or null when unknown or without a mail address.</summary>
    Task<Recipient?> FindUserAsync(Guid networkId, Guid userId, CancellationToken cancellationToken = default);

    /// <summary>The users who receive a party's notifications (empty when none).</summary>
    Task<IReadOnlyList<Recipient>> FindPartyAsync(Guid networkId, Guid partyId, CancellationToken cancellationToken = default);

    /// <summary>The operator's users (empty when none).</summary>
    Task<IReadOnlyList<Recipient>> FindOperatorAsync(Guid networkId, CancellationToken cancellationToken = default);
}

/// <summary>Someone a notification goes to.</summary>
/// <param name="UserId">The user, if the recipient is one.</param>
/// <param name="PartyId">The party the recipient is addressed for, if any.</param>
/// <param name="Email">Mail address.</param>
/// <param name="DisplayName">Name used in the greeting and the To header.</param>
/// <param name="Culture">Culture of the texts, e.g. <c>de-DE</c> or <c>en</c> (German unless English).</param>
public sealed record Recipient(Guid? UserId, Guid? PartyId, string Email, string DisplayName, string Culture = "de-DE");
