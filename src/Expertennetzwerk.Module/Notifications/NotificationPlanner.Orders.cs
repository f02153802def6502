using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Outbox.Events;
using Expertennetzwerk.Module.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Notifications;

internal sealed partial class NotificationPlanner
{
    /// <summary>
    /// order.placed / order.state-changed: the broker's users (state mail, or the completion mail on Complete), on Place
    /// also the expert's users (mail), on OpenDispute also the operator's users, on the operator's resolution of a dispute
    /// also the expert's users (the same state mail with the operator's note). The digital messages of Place and Complete
    /// are the system notices the command itself stored with the order (with their own delivery rows).
    /// </summary>
    private async Task<bool> PlanOrderEventAsync(OutboxDeliveryContext context, OrderEvent evt, NotificationBatch batch, CancellationToken cancellationToken)
    {
        var message = context.Message;
        if (!Enum.TryParse<OrderState>(evt.From, out var from) || !Enum.TryParse<OrderState>(evt.To, out var to))
        {
            throw new Ports.PermanentDeliveryException($"The {message.EventType} row {message.Id} names unknown states '{evt.From}' → '{evt.To}'.");
        }

        if (from == to)
        {
            // Internal transitions are no state changes; commands write no event for them, but never mail one anyway.
            NotificationLog.NoStateChange(_logger, message.Id);
            return false;
        }

        var facts = await LoadOrderAsync(context.Db, message.NetworkId, evt.OrderId, cancellationToken).ConfigureAwait(false);
        if (facts is null)
        {
            return false;
        }

        var order = facts.Order;
        var trigger = Enum.TryParse<OrderTrigger>(evt.Trigger, out var parsed) ? parsed : (OrderTrigger?)null;
        var history = await context.Db.Set<OrderHistoryEntry>().AsNoTracking()
            .Where(h => h.OrderId == order.Id && h.Sequence == evt.HistorySequence)
            .Select(h => new { h.Text, h.At, h.PartyId })
            .SingleOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        var reason = string.IsNullOrWhiteSpace(history?.Text) ? null : history.Text.Trim();
        var at = history?.At ?? message.CreatedAt;
        var orderUrl = _links.Order(order.NetworkId, order.Id).AbsoluteUri;

        var brokers = await _recipients.FindPartyAsync(order.NetworkId, order.BrokerPartyId, cancellationToken).ConfigureAwait(false);
        if (brokers.Count == 0)
        {
            NotificationLog.StateMailWithoutRecipient(_logger, order.BrokerPartyId, order.Id);
        }

        foreach (var broker in brokers)
        {
            var lang = Language(broker.Culture);
            if (trigger == OrderTrigger.Complete)
            {
                var ratingUrl = _links.Rating(order.NetworkId, order.Id).AbsoluteUri;
                var model = new OrderCompletedMailModel(broker.DisplayName, order.Number, facts.ServiceTitle, facts.Expert, TemplateFormatter.DateTime(at, lang, facts.Zone), orderUrl, ratingUrl);
                var mail = Render(TemplateKind.MailOrderCompleted, broker.Culture, model, facts.Templates, cancellationToken);
                Add(batch, Token("broker", broker), broker, NotificationKind.OrderCompleted, mail, at, null, ratingUrl);
            }
            else
            {
                var model = new OrderStateChangedMailModel(
                    broker.DisplayName, order.Number, facts.ServiceTitle, facts.Expert,
                    TemplateFormatter.OrderState(from, lang), TemplateFormatter.OrderState(to, lang),
                    TemplateFormatter.DateTime(at, lang, facts.Zone), orderUrl, reason);
                var mail = Render(TemplateKind.MailOrderStateChanged, broker.Culture, model, facts.Templates, cancellationToken);
                Add(batch, Token("broker", broker), broker, NotificationKind.OrderStateChanged, mail, at, reason, orderUrl);
            }
        }

        if (trigger is OrderTrigger.ResolveDisputeResume or OrderTrigger.ResolveDisputeComplete or OrderTrigger.ResolveDisputeCancel)
        {
            // The operator's decision concerns both sides: the expert's users get the same state mail with the note.
            var experts = await _recipients.FindPartyAsync(order.NetworkId, order.ExpertPartyId, cancellationToken).ConfigureAwait(false);
            if (experts.Count == 0)
            {
                NotificationLog.ExpertWithoutRecipient(_logger, order.ExpertPartyId, order.Id);
            }

            foreach (var expert in experts)
            {
                var lang = Language(expert.Culture);
                var model = new OrderStateChangedMailModel(
                    expert.DisplayName, order.Number, facts.ServiceTitle, facts.Expert,
                    TemplateFormatter.OrderState(from, lang), TemplateFormatter.OrderState(to, lang),
                    TemplateFormatter.DateTime(at, lang, facts.Zone), orderUrl, reason);
                var mail = Render(TemplateKind.MailOrderStateChanged, expert.Culture, model, facts.Templates, cancellationToken);
                Add(batch, Token("expert", expert), expert, NotificationKind.OrderStateChanged, mail, at, reason, orderUrl);
            }
        }

        if (message.EventType == OutboxEventTypes.OrderPlaced || trigger == OrderTrigger.Place)
        {
            await PlanPlacedAsync(facts, at, orderUrl, batch, cancellationToken).ConfigureAwait(false);
        }

        if (trigger == OrderTrigger.OpenDispute)
        {
            var openedBy = history is null ? facts.Broker.Name : await PartyNameAsync(context.Db, order.NetworkId, history.PartyId, cancellationToken).ConfigureAwait(false);
            var operators = await _recipients.FindOperatorAsync(order.NetworkId, cancellationToken).ConfigureAwait(false);
            if (operators.Count == 0)
            {
                NotificationLog.DisputeWithoutOperator(_logger, order.NetworkId, order.Id);
            }

            foreach (var op in operators)
            {
                var lang = Language(op.Culture);
                var model = new DisputeOpenedMailModel(order.Number, facts.ServiceTitle, facts.Broker, facts.Expert, openedBy, TemplateFormatter.DateTime(at, lang, facts.Zone), orderUrl);
                var mail = Render(TemplateKind.MailDisputeOpened, op.Culture, model, null, cancellationToken);
                // No reason, in the mail or the digest: the operator reads free text only in the order, with a recorded purpose.
                Add(batch, Token("operator", op), op, NotificationKind.DisputeOpened, mail, at, null, orderUrl);
            }
        }

        return true;
    }

    /// <summary>The expert's users get the new-order mail.</summary>
    private async Task PlanPlacedAsync(OrderFacts facts, DateTimeOffset at, string orderUrl, NotificationBatch batch, CancellationToken cancellationToken)
    {
        var order = facts.Order;
        var placedAt = order.PlacedAt ?? at;
        var acceptBy = AddBusinessDays(placedAt, facts.AcceptWithinBusinessDays, facts.Zone);
        var experts = await _recipients.FindPartyAsync(order.NetworkId, order.ExpertPartyId, cancellationToken).ConfigureAwait(false);
        if (experts.Count == 0)
        {
            NotificationLog.ExpertWithoutRecipient(_logger, order.ExpertPartyId, order.Id);
        }

        foreach (var expert in experts)
        {
            var mail = Render(TemplateKind.MailOrderPlaced, expert.Culture, PlacedModel(facts, expert.DisplayName, expert.Culture, placedAt, acceptBy, orderUrl), facts.Templates, cancellationToken);
            Add(batch, Token("expert", expert), expert, NotificationKind.OrderPlaced, mail, at, null, orderUrl);
        }
    }

    private static OrderPlacedMailModel PlacedModel(OrderFacts facts, string recipientName, string culture, DateTimeOffset placedAt, DateOnly acceptBy, string orderUrl)
    {
        var lang = Language(culture);
        return new OrderPlacedMailModel(recipientName, facts.Order.Number, facts.ServiceTitle, facts.Broker,
            TemplateFormatter.DateTime(placedAt, lang, facts.Zone), TemplateFormatter.Date(acceptBy, lang), orderUrl);
    }

    /// <summary>The day <paramref name="days"/> working days (Monday to Friday, in the network's <paramref name="zone"/>) after <paramref name="start"/>.</summary>
    internal static DateOnly AddBusinessDays(DateTimeOffset start, int days, TimeZoneInfo zone)
    {
        var date = NetworkTimeZone.LocalDate(start, zone);
        var added = 0;
        while (added < days)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            {
                added++;
            }
        }

        return date;
    }
}
