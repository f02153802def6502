using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Ports;

namespace Expertennetzwerk.Module.Consent;

/// <summary>Ask a data subject for consent through a link.</summary>
/// <param name="DataSubject">Whose consent: must be a data subject the service asks consent of.</param>
/// <param name="Name">The person's name; for the customer the order's customer name when left empty.</param>
/// <param name="Email">Where the request is mailed (optional; the link is returned either way). For the customer, the
/// order's shared <c>email</c> field when left empty.</param>
/// <param name="Culture">Language of the text: <c>de-DE</c> (default) or <c>en</c>.</param>
public sealed record RequestConsentCommand(DataSubjectKind DataSubject, string? Name = null, string? Email = null, string? Culture = null);

/// <summary>Record a consent the data subject signed on paper.</summary>
/// <param name="DataSubject">Whose consent.</param>
/// <param name="Scan">The scan of the signed form (size and type checked like attachments).</param>
/// <param name="Name">The person's name; for the customer the order's customer name when left empty.</param>
/// <param name="Note">The broker's note (e.g. where the original is kept).</param>
/// <param name="Culture">Language of the text that was signed.</param>
public sealed record RecordPaperConsentCommand(DataSubjectKind DataSubject, DocumentUpload Scan, string? Name = null, string? Note = null, string? Culture = null);

/// <summary>A consent link was created.</summary>
/// <param name="ConsentId">The consent declaration.</param>
/// <param name="OrderId">The order.</param>
/// <param name="OrderVersion">The order's new concurrency token.</param>
/// <param name="ConsentUrl">The link to the consent page (secret; hand it only to the data subject).</param>
/// <param name="WithdrawalUrl">The link that withdraws the consent once given (also in the text).</param>
/// <param name="ExpiresAt">Until when the request can be answered.</param>
public sealed record ConsentRequested(Guid ConsentId, Guid OrderId, long OrderVersion, Uri ConsentUrl, Uri WithdrawalUrl, DateTimeOffset ExpiresAt);

/// <summary>A paper consent was recorded.</summary>
/// <param name="ConsentId">The consent declaration.</param>
/// <param name="OrderId">The order.</param>
/// <param name="OrderVersion">The order's new concurrency token.</param>
/// <param name="WithdrawalUrl">The withdrawal link to hand to the data subject.</param>
public sealed record PaperConsentRecorded(Guid ConsentId, Guid OrderId, long OrderVersion, Uri WithdrawalUrl);

/// <summary>What the consent page shows (opened with its token; opening never uses the link up).</summary>
/// <param name="OrderNumber">The order's number.</param>
/// <param name="DataSubjectName">Whom it asks.</param>
/// <param name="BrokerName">The broker firm asking.</param>
/// <param name="Html">The declaration as HTML (every value encoded).</param>
/// <param name="Text">The declaration as text.</param>
/// <param name="Culture">Its language.</param>
/// <param name="ExpiresAt">Until when it can be answered.</param>
/// <param name="Status">Requested while open; Given or Declined in the answer to a decision.</param>
public sealed record ConsentPage(string OrderNumber, string DataSubjectName, string BrokerName, string Html, string Text, string Culture, DateTimeOffset? ExpiresAt, ConsentStatus Status)
{
    /// <summary>In the answer to an agreement: the working withdrawal link (show it; it is also in the confirmation mail).</summary>
    public Uri? WithdrawalUrl { get; init; }

    /// <summary>In the answer to a decision: true when a confirmation with the full text was mailed to the data subject.</summary>
    public bool ConfirmationMailed { get; init; }
}

/// <summary>What the withdrawal page shows.</summary>
/// <param name="OrderNumber">The order's number.</param>
/// <param name="DataSubjectName">Whose consent.</param>
/// <param name="BrokerName">The broker firm.</param>
/// <param name="GivenAt">When it was given.</param>
/// <param name="Status">Given while it can be withdrawn; Withdrawn in the answer to the withdrawal.</param>
public sealed record ConsentWithdrawalPage(string OrderNumber, string DataSubjectName, string BrokerName, DateTimeOffset? GivenAt, ConsentStatus Status)
{
    /// <summary>The calendar day it was given, in the network's time zone (what the page shows).</summary>
    public DateOnly? GivenOn { get; init; }
}

/// <summary>A consent declaration as the broker (and the operator with a purpose) sees it, with its evidence.</summary>
/// <param name="Id">Id.</param>
/// <param name="DataSubject">Whose consent.</param>
/// <param name="DataSubjectName">The person.</param>
/// <param name="Channel">Link or paper.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="IsExpired">True for a request nobody answered in time.</param>
/// <param name="IsStale">True for a given consent whose data changed since (it no longer allows placing).</param>
/// <param name="RequestedAt">Asked or recorded at.</param>
/// <param name="ExpiresAt">Link expiry.</param>
/// <param name="DecidedAt">Agreed or declined at.</param>
/// <param name="WithdrawnAt">Withdrawn at.</param>
/// <param name="WithdrawalChannel">How it was withdrawn.</param>
/// <param name="TemplateId">The template of the text.</param>
/// <param name="TemplateVersion">Its version.</param>
/// <param name="ContentHash">SHA-256 over text and covered data.</param>
/// <param name="DataHash">SHA-256 of the covered data.</param>
/// <param name="Text">The text as shown.</param>
/// <param name="ScanDocumentId">The paper form's scan in the store, if any (open it with <see cref="Orders.ExpertOrderQueries.OpenFileAsync"/> and <paramref name="Id"/>).</param>
public sealed record ConsentSummary(
    Guid Id,
    DataSubjectKind DataSubject,
    string DataSubjectName,
    ConsentChannel Channel,
    ConsentStatus Status,
    bool IsExpired,
    bool IsStale,
    DateTimeOffset RequestedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? WithdrawnAt,
    ConsentChannel? WithdrawalChannel,
    string TemplateId,
    int TemplateVersion,
    string ContentHash,
    string DataHash,
    string Text,
    Guid? ScanDocumentId);
