namespace Expertennetzwerk.Module.Templates;

// The view models templates see: plain, read-only records of values already formatted for people
// (TemplateFormatter), never EF entities. Scriban sees their properties in snake_case (ServiceTitle → service_title).

/// <summary>A party (broker firm, expert firm, operator) as a template shows it.</summary>
/// <param name="Name">The firm's name.</param>
/// <param name="ContactPerson">The person to talk to, if known.</param>
/// <param name="Email">Mail address, if known.</param>
/// <param name="Phone">Phone number, if known.</param>
/// <param name="Address">Postal address on one line, if known.</param>
internal sealed record PartyModel(string Name, string? ContactPerson = null, string? Email = null, string? Phone = null, string? Address = null);

/// <summary>A label with its value, both formatted for the reader's language (e.g. "Anlagebetrag" / "25.000,00 €").</summary>
/// <param name="Label">The label in the reader's language.</param>
/// <param name="Value">The value formatted for people.</param>
internal sealed record LabeledValue(string Label, string Value);

/// <summary>The model of <see cref="TemplateKind.OrderDescription"/>: exactly what the expert receives.</summary>
/// <param name="OrderNumber">The order's number, e.g. "A-2025-000123".</param>
/// <param name="ServiceTitle">The service's title.</param>
/// <param name="Category">The service's category, in the reader's language.</param>
/// <param name="Broker">The ordering broker firm and its contact.</param>
/// <param name="Expert">The expert firm.</param>
/// <param name="CustomerFields">The customer data shared with the expert (only the categories the service declares).</param>
/// <param name="FormFields">The order form's fields with their values, in form order.</param>
/// <param name="CreatedOn">When the order was created, formatted.</param>
/// <param name="PlacedOn">When it was placed bindingly, formatted; null while a draft (preview).</param>
/// <param name="BrokerNote">The broker's free note to the expert, if any.</param>
internal sealed record OrderDescriptionModel(
    string OrderNumber,
    string ServiceTitle,
    string Category,
    PartyModel Broker,
    PartyModel Expert,
    IReadOnlyList<LabeledValue> CustomerFields,
    IReadOnlyList<LabeledValue> FormFields,
    string CreatedOn,
    string? PlacedOn = null,
    string? BrokerNote = null);

/// <summary>One category of personal data in a consent declaration.</summary>
/// <param name="Name">The category's name, e.g. "Gesundheitsangaben".</param>
/// <param name="LegalBasis">Its legal basis as a sentence part, e.g. "Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO)".</param>
/// <param name="IsHealthData">True for health data (Art. 9 GDPR).</param>
internal sealed record ConsentCategoryModel(string Name, string LegalBasis, bool IsHealthData = false);

/// <summary>
/// The model of <see cref="TemplateKind.ConsentDeclaration"/>: the broker as controller, the expert as recipient, the
/// purpose, the exact data categories, and how to withdraw. With health data the templates show the explicit consent
/// (Art. 9(2)(a) GDPR) and the release from professional secrecy (§ 203 StGB) as two separate statements.
/// </summary>
/// <param name="DataSubjectName">The person asked, e.g. "Jürgen Müller".</param>
/// <param name="Broker">The controller: the broker firm with contact and address.</param>
/// <param name="Expert">The recipient: the expert firm.</param>
/// <param name="ServiceTitle">The service the data are shared for.</param>
/// <param name="OrderNumber">The order's number.</param>
/// <param name="Purpose">What the data are shared for, in the reader's language, as a sentence without its final full stop.</param>
/// <param name="Categories">The categories covered by this consent.</param>
/// <param name="HasHealthData">True when a category holds health data: the Art. 9 and § 203 StGB statements appear.</param>
/// <param name="WithdrawUrl">The link that withdraws the consent; valid as long as the data are processed.</param>
/// <param name="ExpiresOn">Until when the request can be answered, formatted.</param>
/// <param name="RequestedOn">When consent was asked, formatted.</param>
internal sealed record ConsentDeclarationModel(
    string DataSubjectName,
    PartyModel Broker,
    PartyModel Expert,
    string ServiceTitle,
    string OrderNumber,
    string Purpose,
    IReadOnlyList<ConsentCategoryModel> Categories,
    bool HasHealthData,
    string WithdrawUrl,
    string ExpiresOn,
    string RequestedOn);

/// <summary>The model of <see cref="TemplateKind.MailOrderPlaced"/>: to the expert.</summary>
/// <param name="RecipientName">Whom the mail greets (a person or the expert firm).</param>
/// <param name="OrderNumber">The order's number.</param>
/// <param name="ServiceTitle">The service's title.</param>
/// <param name="Broker">The ordering broker firm and contact.</param>
/// <param name="PlacedOn">When it was placed, formatted.</param>
/// <param name="AcceptBy">By when the expert should accept (SLA), formatted.</param>
/// <param name="OrderUrl">Link to the order.</param>
/// <param name="BrokerNote">The broker's note, if any.</param>
internal sealed record OrderPlacedMailModel(string RecipientName, string OrderNumber, string ServiceTitle, PartyModel Broker, string PlacedOn, string AcceptBy, string OrderUrl, string? BrokerNote = null);

/// <summary>The model of <see cref="TemplateKind.MailOrderStateChanged"/>: to the broker.</summary>
/// <param name="RecipientName">Whom the mail greets.</param>
/// <param name="OrderNumber">The order's number.</param>
/// <param name="ServiceTitle">The service's title.</param>
/// <param name="Expert">The expert firm.</param>
/// <param name="PreviousState">The state before, in the reader's language (<see cref="TemplateFormatter.OrderState"/>).</param>
/// <param name="NewState">The state now, in the reader's language.</param>
/// <param name="ChangedOn">When, formatted.</param>
/// <param name="OrderUrl">Link to the order.</param>
/// <param name="Reason">Why (a decline, cancellation or request for information), if given.</param>
internal sealed record OrderStateChangedMailModel(string RecipientName, string OrderNumber, string ServiceTitle, PartyModel Expert, string PreviousState, string NewState, string ChangedOn, string OrderUrl, string? Reason = null);

/// <summary>The model of <see cref="TemplateKind.MailOrderCompleted"/>: to the broker.</summary>
/// <param name="RecipientName">Whom the mail greets.</param>
/// <param name="OrderNumber">The order's number.</param>
/// <param name="ServiceTitle">The service's title.</param>
/// <param name="Expert">The expert firm.</param>
/// <param name="CompletedOn">When, formatted.</param>
/// <param name="OrderUrl">Link to the order.</param>
/// <param name="RatingUrl">Link to rate the expert's work.</param>
internal sealed record OrderCompletedMailModel(string RecipientName, string OrderNumber, string ServiceTitle, PartyModel Expert, string CompletedOn, string OrderUrl, string RatingUrl);

/// <summary>The model of <see cref="TemplateKind.MailConsentRequested"/>: to the data subject. Holds no shared data itself.</summary>
/// <param name="DataSubjectName">The person asked.</param>
/// <param name="Broker">The broker firm asking (controller), with contact.</param>
/// <param name="Expert">The expert firm that would receive the data.</param>
/// <param name="ServiceTitle">The service.</param>
/// <param name="ConsentUrl">The unguessable link to the declaration page.</param>
/// <param name="ExpiresOn">Until when the link works, formatted.</param>
internal sealed record ConsentRequestedMailModel(string DataSubjectName, PartyModel Broker, PartyModel Expert, string ServiceTitle, string ConsentUrl, string ExpiresOn);

/// <summary>
/// The model of <see cref="TemplateKind.MailDisputeOpened"/>: to the operator. It carries no reason: free text may hold
/// personal data, which the operator reads only in the order with a recorded purpose.
/// </summary>
/// <param name="OrderNumber">The order's number.</param>
/// <param name="ServiceTitle">The service's title.</param>
/// <param name="Broker">The broker firm.</param>
/// <param name="Expert">The expert firm.</param>
/// <param name="OpenedBy">Who opened it (a party's name).</param>
/// <param name="OpenedOn">When, formatted.</param>
/// <param name="OrderUrl">Link to the order in the operator's view.</param>
internal sealed record DisputeOpenedMailModel(string OrderNumber, string ServiceTitle, PartyModel Broker, PartyModel Expert, string OpenedBy, string OpenedOn, string OrderUrl);

/// <summary>The model of <see cref="TemplateKind.MailDeadLetter"/>: to the operator.</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="MessageType">What kind of message it was.</param>
/// <param name="Attempts">How often delivery was tried.</param>
/// <param name="FirstAttemptAt">First try, formatted.</param>
/// <param name="LastAttemptAt">Last try, formatted.</param>
/// <param name="LastError">The last error.</param>
/// <param name="AdminUrl">Link to the dead letters, if the host has one.</param>
internal sealed record DeadLetterMailModel(string MessageId, string MessageType, int Attempts, string FirstAttemptAt, string LastAttemptAt, string LastError, string? AdminUrl = null);

/// <summary>The model of <see cref="TemplateKind.MailMessageReceived"/>: to a user of the receiving party. Carries no message text.</summary>
/// <param name="RecipientName">Whom the mail greets.</param>
/// <param name="OrderNumber">The order's number.</param>
/// <param name="ServiceTitle">The service's title.</param>
/// <param name="Sender">The party that wrote.</param>
/// <param name="SentOn">When, formatted.</param>
/// <param name="OrderUrl">Link to the order, where the message is read.</param>
internal sealed record MessageReceivedMailModel(string RecipientName, string OrderNumber, string ServiceTitle, PartyModel Sender, string SentOn, string OrderUrl);

/// <summary>
/// The model of <see cref="TemplateKind.MailConsentConfirmation"/>: to the data subject after a decision on the consent
/// page, in the declaration's language, with the full text decided on and (after an agreement) the withdrawal link.
/// </summary>
/// <param name="DataSubjectName">The person who decided.</param>
/// <param name="Broker">The broker firm (controller), with contact.</param>
/// <param name="Expert">The expert firm that receives (or would have received) the data.</param>
/// <param name="ServiceTitle">The service.</param>
/// <param name="OrderNumber">The order's number.</param>
/// <param name="Agreed">True after an agreement, false after a refusal.</param>
/// <param name="DecidedOn">When, formatted.</param>
/// <param name="DeclarationText">The declaration's full text as shown (plain text).</param>
/// <param name="WithdrawalUrl">The working withdrawal link (after an agreement).</param>
internal sealed record ConsentConfirmationMailModel(
    string DataSubjectName, PartyModel Broker, PartyModel Expert, string ServiceTitle, string OrderNumber, bool Agreed, string DecidedOn, string DeclarationText, string? WithdrawalUrl);

/// <summary>
/// The model of <see cref="TemplateKind.MailConsentWithdrawn"/>: to a user of the broker party when a data subject's
/// consent was withdrawn and the order kept its state. Carries no personal data.
/// </summary>
/// <param name="RecipientName">Whom the mail greets.</param>
/// <param name="OrderNumber">The order's number.</param>
/// <param name="ServiceTitle">The service's title.</param>
/// <param name="Expert">The expert firm.</param>
/// <param name="WithdrawnOn">When, formatted.</param>
/// <param name="IsDraft">True when the order is a draft: it stays, and can be placed only after a new consent.</param>
/// <param name="OrderUrl">Link to the order.</param>
internal sealed record ConsentWithdrawnMailModel(string RecipientName, string OrderNumber, string ServiceTitle, PartyModel Expert, string WithdrawnOn, bool IsDraft, string OrderUrl);
