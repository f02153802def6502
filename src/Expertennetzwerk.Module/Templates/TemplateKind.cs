namespace Expertennetzwerk.Module.Templates;

/// <summary>
/// What a template is for. Documents (order description, consent declaration) have a text and an HTML variant; mails
/// have a subject, a text and an HTML variant. Each kind sees exactly one view model (<see cref="TemplateKinds.ModelType"/>).
/// </summary>
public enum TemplateKind
{
    /// <summary>The order description (Auftragsbeschreibung) the expert receives and the broker previews; model <see cref="OrderDescriptionModel"/>.</summary>
    OrderDescription,
    /// <summary>The consent declaration (Einwilligungserklärung) shown to a data subject; model <see cref="ConsentDeclarationModel"/>.</summary>
    ConsentDeclaration,
    /// <summary>Mail to the expert: a broker placed an order; model <see cref="OrderPlacedMailModel"/>.</summary>
    MailOrderPlaced,
    /// <summary>Mail to the broker: the order's state changed, with the reason where there is one; model <see cref="OrderStateChangedMailModel"/>.</summary>
    MailOrderStateChanged,
    /// <summary>Mail to the broker: the expert completed the order, with a link to rate it; model <see cref="OrderCompletedMailModel"/>.</summary>
    MailOrderCompleted,
    /// <summary>Mail to a data subject: the broker asks for consent, with the link to the declaration; model <see cref="ConsentRequestedMailModel"/>.</summary>
    MailConsentRequested,
    /// <summary>Mail to the operator: a party opened a dispute; model <see cref="DisputeOpenedMailModel"/>.</summary>
    MailDisputeOpened,
    /// <summary>Mail to the operator: a message could not be delivered and was set aside (dead letter); model <see cref="DeadLetterMailModel"/>.</summary>
    MailDeadLetter,
    /// <summary>Mail to a party's user: a new digital message arrived on an order (the text stays in the module); model <see cref="MessageReceivedMailModel"/>.</summary>
    MailMessageReceived,
    /// <summary>Mail to a data subject after a decision: the full text decided on and the withdrawal link; model <see cref="ConsentConfirmationMailModel"/>.</summary>
    MailConsentConfirmation,
    /// <summary>Mail to the broker: a consent was withdrawn and the order kept its state (a draft waits for a new consent); model <see cref="ConsentWithdrawnMailModel"/>.</summary>
    MailConsentWithdrawn,
}

/// <summary>Facts about the <see cref="TemplateKind"/>s.</summary>
internal static class TemplateKinds
{
    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<TemplateKind> All { get; } = Enum.GetValues<TemplateKind>();

    /// <summary>True for the mail kinds (subject + text + HTML).</summary>
    public static bool IsMail(TemplateKind kind) => kind >= TemplateKind.MailOrderPlaced;

    /// <summary>The formats a kind has: text and HTML, and for mails also the subject.</summary>
    public static IReadOnlyList<TemplateFormat> Formats(TemplateKind kind) =>
        IsMail(kind) ? [TemplateFormat.Subject, TemplateFormat.Text, TemplateFormat.Html] : [TemplateFormat.Text, TemplateFormat.Html];

    /// <summary>True when <paramref name="kind"/> has a template in <paramref name="format"/>.</summary>
    public static bool Has(TemplateKind kind, TemplateFormat format) => Formats(kind).Contains(format);

    /// <summary>The view model the templates of <paramref name="kind"/> see.</summary>
    public static Type ModelType(TemplateKind kind) => kind switch
    {
        TemplateKind.OrderDescription => typeof(OrderDescriptionModel),
        TemplateKind.ConsentDeclaration => typeof(ConsentDeclarationModel),
        TemplateKind.MailOrderPlaced => typeof(OrderPlacedMailModel),
        TemplateKind.MailOrderStateChanged => typeof(OrderStateChangedMailModel),
        TemplateKind.MailOrderCompleted => typeof(OrderCompletedMailModel),
        TemplateKind.MailConsentRequested => typeof(ConsentRequestedMailModel),
        TemplateKind.MailDisputeOpened => typeof(DisputeOpenedMailModel),
        TemplateKind.MailDeadLetter => typeof(DeadLetterMailModel),
        TemplateKind.MailMessageReceived => typeof(MessageReceivedMailModel),
        TemplateKind.MailConsentConfirmation => typeof(ConsentConfirmationMailModel),
        TemplateKind.MailConsentWithdrawn => typeof(ConsentWithdrawnMailModel),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The key of a template in a service's <c>TemplatesJson</c> and in template ids: <c>ConsentDeclaration:de:html</c>.</summary>
    public static string Key(TemplateKind kind, string language, TemplateFormat format) =>
        $"{kind}:{language}:{FormatName(format)}";

    /// <summary>The lower-case name of a format as used in keys and resource names: <c>text</c>, <c>html</c>, <c>subject</c>.</summary>
    public static string FormatName(TemplateFormat format) => format switch
    {
        TemplateFormat.Text => "text",
        TemplateFormat.Html => "html",
        TemplateFormat.Subject => "subject",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
