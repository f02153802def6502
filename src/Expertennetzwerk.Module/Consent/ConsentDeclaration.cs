using Expertennetzwerk.Module.Catalog;

namespace Expertennetzwerk.Module.Consent;

/// <summary>
/// The consent (Einwilligungserklärung) of one data subject for one order, with its evidence: the text as shown
/// (text and HTML snapshot), the template and version that produced it, the canonical data it covers and the SHA-256
/// over text and data, who asked and when, and every decision with its time and channel. Link tokens are stored only
/// as hashes. Personal data (name, address, text) live here and in the order, never in history texts.
/// </summary>
public sealed class ConsentDeclaration
{
#pragma warning disable CS8618 // EF Core materialises through this constructor and sets every property.
    private ConsentDeclaration()
    {
    }
#pragma warning restore CS8618

    internal ConsentDeclaration(
        Guid id,
        Guid networkId,
        Guid orderId,
        DataSubjectKind dataSubject,
        string dataSubjectName,
        string? dataSubjectEmail,
        string culture,
        ConsentChannel channel,
        ConsentSnapshot snapshot,
        Guid requestedByUserId,
        Guid requestedByPartyId,
        DateTimeOffset requestedAt)
    {
        Id = id;
        NetworkId = networkId;
        OrderId = orderId;
        DataSubject = dataSubject;
        DataSubjectName = dataSubjectName;
        DataSubjectEmail = dataSubjectEmail;
        Culture = culture;
        Channel = channel;
        Text = snapshot.Text;
        Html = snapshot.Html;
        TemplateId = snapshot.TemplateId;
        TemplateVersion = snapshot.TemplateVersion;
        CanonicalData = snapshot.CanonicalData;
        DataHash = snapshot.DataHash;
        ContentHash = snapshot.ContentHash;
        RequestedByUserId = requestedByUserId;
        RequestedByPartyId = requestedByPartyId;
        RequestedAt = requestedAt;
        Status = ConsentStatus.Requested;
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>The order whose data it covers.</summary>
    public Guid OrderId { get; private set; }

    /// <summary>Whose consent: the customer, a spouse, an insured person, an employee.</summary>
    public DataSubjectKind DataSubject { get; private set; }

    /// <summary>The data subject's name (personal data).</summary>
    public string DataSubjectName { get; private set; }

    /// <summary>Where the request may be mailed, if known (personal data).</summary>
    public string? DataSubjectEmail { get; private set; }

    /// <summary>The culture the text was rendered in (<c>de-DE</c> or <c>en</c>).</summary>
    public string Culture { get; private set; }

    /// <summary>How the consent was asked for or given: <see cref="ConsentChannel.Link"/> or <see cref="ConsentChannel.Paper"/>.</summary>
    public ConsentChannel Channel { get; private set; }

    /// <summary>Where it stands.</summary>
    public ConsentStatus Status { get; private set; }

    /// <summary>The declaration's text as shown (plain text).</summary>
    public string Text { get; private set; }

    /// <summary>The declaration as shown on the consent page (HTML, every value encoded).</summary>
    public string Html { get; private set; }

    /// <summary>The template that produced the text, e.g. <c>default:ConsentDeclaration:de:text</c>.</summary>
    public string TemplateId { get; private set; }

    /// <summary>That template's version.</summary>
    public int TemplateVersion { get; private set; }

    /// <summary>The data the consent covers, canonical (<see cref="ConsentEvidence.CanonicalData(string, string)"/>).</summary>
    public string CanonicalData { get; private set; }

    /// <summary>SHA-256 of <see cref="CanonicalData"/>; the order's current data must hash to it for the consent to be fresh.</summary>
    public string DataHash { get; private set; }

    /// <summary>SHA-256 over <see cref="Text"/> and <see cref="CanonicalData"/>: the evidence hash.</summary>
    public string ContentHash { get; private set; }

    /// <summary>SHA-256 of the consent link's token while it may still be used; null once decided or superseded.</summary>
    public string? TokenHash { get; private set; }

    /// <summary>Until when the consent link can be answered.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>SHA-256 of the withdrawal link's token; valid while the consent is given.</summary>
    public string? WithdrawalTokenHash { get; private set; }

    /// <summary>The broker user who asked or recorded.</summary>
    public Guid RequestedByUserId { get; private set; }

    /// <summary>The broker party.</summary>
    public Guid RequestedByPartyId { get; private set; }

    /// <summary>When it was asked for (or, on paper, recorded).</summary>
    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>When the data subject agreed or declined (on paper: when the broker recorded it).</summary>
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>When it was withdrawn.</summary>
    public DateTimeOffset? WithdrawnAt { get; private set; }

    /// <summary>How the withdrawal came in.</summary>
    public ConsentChannel? WithdrawalChannel { get; private set; }

    /// <summary>The scan of the signed paper form (<see cref="Ports.IDocumentStore"/>).</summary>
    public Guid? ScanDocumentId { get; private set; }

    /// <summary>The broker's note on a paper consent or a recorded withdrawal (may hold personal data; never copied to history).</summary>
    public string? Note { get; private set; }

    /// <summary>True when the consent link can still be answered at <paramref name="now"/>.</summary>
    public bool IsOpen(DateTimeOffset now) => Status == ConsentStatus.Requested && TokenHash is not null && ExpiresAt > now;

    /// <summary>True when the consent covers exactly the data hashing to <paramref name="currentDataHash"/>.</summary>
    public bool IsFreshFor(string currentDataHash) => Status == ConsentStatus.Given && string.Equals(DataHash, currentDataHash, StringComparison.Ordinal);

    internal void IssueLink(string tokenHash, string withdrawalTokenHash, DateTimeOffset expiresAt)
    {
        TokenHash = tokenHash;
        WithdrawalTokenHash = withdrawalTokenHash;
        ExpiresAt = expiresAt;
    }

    internal void Decide(bool agreed, DateTimeOffset now)
    {
        Status = agreed ? ConsentStatus.Given : ConsentStatus.Declined;
        DecidedAt = now;
        TokenHash = null; // used up
        if (!agreed)
        {
            WithdrawalTokenHash = null;
        }
    }

    internal void ReissueWithdrawal(string withdrawalTokenHash) => WithdrawalTokenHash = withdrawalTokenHash;

    internal void RecordPaper(Guid scanDocumentId, string? note, string withdrawalTokenHash, DateTimeOffset now)
    {
        ScanDocumentId = scanDocumentId;
        Note = note;
        WithdrawalTokenHash = withdrawalTokenHash;
        Status = ConsentStatus.Given;
        DecidedAt = now;
    }

    internal void Supersede()
    {
        Status = ConsentStatus.Superseded;
        TokenHash = null;
        WithdrawalTokenHash = null;
    }

    internal void Withdraw(ConsentChannel channel, string? note, DateTimeOffset now)
    {
        Status = ConsentStatus.Withdrawn;
        WithdrawnAt = now;
        WithdrawalChannel = channel;
        WithdrawalTokenHash = null;
        if (note is not null)
        {
            Note = Note is null ? note : Note + "\n" + note;
        }
    }
}

/// <summary>A rendered consent text with the data it covers and its hashes.</summary>
/// <param name="Text">Plain text.</param>
/// <param name="Html">HTML.</param>
/// <param name="TemplateId">The text template's id.</param>
/// <param name="TemplateVersion">Its version.</param>
/// <param name="CanonicalData">The covered data, canonical.</param>
/// <param name="DataHash">SHA-256 of the data.</param>
/// <param name="ContentHash">SHA-256 over text and data.</param>
internal sealed record ConsentSnapshot(string Text, string Html, string TemplateId, int TemplateVersion, string CanonicalData, string DataHash, string ContentHash);
