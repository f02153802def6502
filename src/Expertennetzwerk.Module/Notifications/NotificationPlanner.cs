using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.HostEvents;
using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Outbox.Events;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Expertennetzwerk.Module.Notifications;

/// <summary>
/// The notification planner: expands a domain event row (<see cref="OutboxEventTypes.OrderPlaced"/>,
/// <see cref="OutboxEventTypes.OrderStateChanged"/>, <see cref="OutboxEventTypes.MessageSent"/>,
/// <see cref="OutboxEventTypes.ConsentRequested"/>, <see cref="OutboxEventTypes.DeadLettered"/>) into delivery rows, one per
/// recipient and channel, rendered from the mail templates in each recipient's language. Recipients come from
/// <see cref="IRecipientDirectory"/>, links from <see cref="IPublicLinks"/>, and each user's
/// <see cref="NotificationPreferences"/> decide between an immediate mail and the daily digest. The rules:
/// <list type="bullet">
/// <item>the broker's users on every state change of its orders, with the reason where there is one; on completion the
/// completion mail with the rating link instead;</item>
/// <item>the expert's users on a new binding order (mail; the expert party's digital message is the system notice the
/// placing command stored with the order);</item>
/// <item>the recipient party's users on a digital message (mail), and the party through the digital-message channel;</item>
/// <item>the data subject on a consent request (mail with the link, and a digital message), and after its decision (a
/// confirmation with the full text and the withdrawal link);</item>
/// <item>the broker's users on a consent withdrawal that kept the order's state;</item>
/// <item>the operator's users on a new dispute and on a dead letter.</item>
/// </list>
/// Nothing is sent here: the rows are committed with marking the event row done. A recipient the directory does not know
/// is logged and skipped; an event whose order is gone plans nothing.
/// </summary>
internal sealed partial class NotificationPlanner : IOutboxHandler
{
    private readonly IRecipientDirectory _recipients;
    private readonly TemplateService _templates;
    private readonly IPublicLinks _links;
    private readonly TimeProvider _time;
    private readonly IOptions<ExpertennetzwerkOptions> _options;
    private readonly ILogger<NotificationPlanner> _logger;
    private readonly HostEventOutbox? _hostEvents;

    /// <summary>Creates the planner.</summary>
    public NotificationPlanner(
        IRecipientDirectory recipients,
        TemplateService templates,
        IPublicLinks links,
        TimeProvider time,
        IOptions<ExpertennetzwerkOptions> options,
        ILogger<NotificationPlanner>? logger = null,
        HostEventOutbox? hostEvents = null)
    {
        _hostEvents = hostEvents;
        _recipients = recipients ?? throw new ArgumentNullException(nameof(recipients));
        _templates = templates ?? throw new ArgumentNullException(nameof(templates));
        _links = links ?? throw new ArgumentNullException(nameof(links));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? NullLogger<NotificationPlanner>.Instance;
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> EventTypes { get; } =
    [
        OutboxEventTypes.OrderPlaced,
        OutboxEventTypes.OrderStateChanged,
        OutboxEventTypes.MessageSent,
        OutboxEventTypes.ConsentRequested,
        OutboxEventTypes.ConsentDecided,
        OutboxEventTypes.ConsentWithdrawn,
        OutboxEventTypes.DeadLettered,
    ];

    /// <inheritdoc />
    public async Task HandleAsync(OutboxDeliveryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var batch = new NotificationBatch(context, _time, _options.Value.NotificationDigestHour);
        var message = context.Message;

        // The host's events leave with the same commit as the notifications planned from this row (HostEvents).
        if (_hostEvents is not null)
        {
            await _hostEvents.EnqueueAsync(context, cancellationToken).ConfigureAwait(false);
        }

        var planned = message.EventType switch
        {
            OutboxEventTypes.OrderPlaced or OutboxEventTypes.OrderStateChanged =>
                await PlanOrderEventAsync(context, Payload<OrderEvent>(message), batch, cancellationToken).ConfigureAwait(false),
            OutboxEventTypes.MessageSent =>
                await PlanMessageSentAsync(context, Payload<MessageSentEvent>(message), batch, cancellationToken).ConfigureAwait(false),
            OutboxEventTypes.ConsentRequested =>
                await PlanConsentRequestedAsync(context, Payload<ConsentRequestedEvent>(message), batch, cancellationToken).ConfigureAwait(false),
            OutboxEventTypes.ConsentDecided =>
                await PlanConsentDecidedAsync(context, Payload<ConsentDecidedEvent>(message), batch, cancellationToken).ConfigureAwait(false),
            OutboxEventTypes.ConsentWithdrawn =>
                await PlanConsentWithdrawnAsync(context, Payload<ConsentWithdrawnEvent>(message), batch, cancellationToken).ConfigureAwait(false),
            OutboxEventTypes.DeadLettered =>
                await PlanDeadLetterAsync(context, Payload<DeadLetteredEvent>(message), batch, cancellationToken).ConfigureAwait(false),
            _ => throw new PermanentDeliveryException($"The notification planner does not handle '{message.EventType}' rows."),
        };

        if (!planned)
        {
            return;
        }

        var queued = await batch.EnqueueAsync(cancellationToken).ConfigureAwait(false);
        NotificationLog.Planned(_logger, queued, message.EventType, message.Id);
    }

    // Replanning cannot fix a payload that cannot be read: OutboxPayloads sets such a row aside at once.
    private static T Payload<T>(OutboxMessage message)
        where T : class => OutboxPayloads.Deserialize<T>(message);

    /// <summary>Renders a mail; a faulty service template falls back to the host's or default template (logged) instead of failing the event.</summary>
    private RenderedMail Render(TemplateKind kind, string culture, object model, ServiceTemplates? service, CancellationToken cancellationToken)
    {
        if (service is null)
        {
            return _templates.RenderMail(kind, culture, model, null, cancellationToken);
        }

        try
        {
            return _templates.RenderMail(kind, culture, model, service, cancellationToken);
        }
        catch (TemplateRenderException ex) when (!cancellationToken.IsCancellationRequested)
        {
            NotificationLog.ServiceTemplateFailed(_logger, service.VersionId, kind, ex.GetType().Name);
            return _templates.RenderMail(kind, culture, model, null, cancellationToken);
        }
    }

    private static void Add(NotificationBatch batch, string token, Recipient recipient, NotificationKind? kind, RenderedMail mail, DateTimeOffset at, string? detail, string? url, string? recipientsColumn = null) =>
        batch.Mail(token, recipient, kind, mail.Subject.Text, mail.Text.Text, mail.Html.Text, at, detail, url, recipientsColumn);

    private static string Token(string role, Guid id) => $"{role}-{id:N}";

    /// <summary>A recipient in a key: the user's id, or (for a recipient that is no user) a hash of the address.</summary>
    private static string Token(string role, Recipient recipient) =>
        recipient.UserId is { } user
            ? Token(role, user)
            : $"{role}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(recipient.Email.Trim().ToLowerInvariant())))[..32]}";

    private static string Language(string? culture) => TemplateFormatter.Language(culture);

    /// <summary>The order with what its mails show: service title and templates, broker and expert names.</summary>
    private async Task<OrderFacts?> LoadOrderAsync(DbContext db, Guid networkId, Guid orderId, CancellationToken cancellationToken)
    {
        var order = await db.Set<ExpertOrder>().AsNoTracking()
            .SingleOrDefaultAsync(o => o.NetworkId == networkId && o.Id == orderId, cancellationToken)
            .ConfigureAwait(false);
        if (order is null)
        {
            NotificationLog.OrderGone(_logger, orderId, networkId);
            return null;
        }

        var version = await db.Set<ExpertServiceVersion>().AsNoTracking()
            .SingleOrDefaultAsync(v => v.Id == order.ServiceVersionId, cancellationToken)
            .ConfigureAwait(false);
        var partyIds = new[] { order.BrokerPartyId, order.ExpertPartyId };
        var names = await db.Set<Party>().AsNoTracking()
            .Where(p => p.NetworkId == networkId && partyIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Address })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var zone = await NetworkTimeZone.OfAsync(db, networkId, cancellationToken).ConfigureAwait(false);
        var broker = names.FirstOrDefault(p => p.Id == order.BrokerPartyId);
        var expert = names.FirstOrDefault(p => p.Id == order.ExpertPartyId);
        return new OrderFacts(
            order,
            version?.Title ?? string.Empty,
            version is null ? null : ServiceTemplates.From(version),
            version?.AcceptWithinBusinessDays ?? 0,
            new PartyModel(broker?.Name ?? string.Empty, Address: broker?.Address),
            new PartyModel(expert?.Name ?? string.Empty, Address: expert?.Address),
            zone);
    }

    private async Task<string> PartyNameAsync(DbContext db, Guid networkId, Guid partyId, CancellationToken cancellationToken) =>
        await db.Set<Party>().AsNoTracking()
            .Where(p => p.NetworkId == networkId && p.Id == partyId)
            .Select(p => p.Name)
            .SingleOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false) ?? string.Empty;

    private sealed record OrderFacts(ExpertOrder Order, string ServiceTitle, ServiceTemplates? Templates, int AcceptWithinBusinessDays, PartyModel Broker, PartyModel Expert, TimeZoneInfo Zone);
}
