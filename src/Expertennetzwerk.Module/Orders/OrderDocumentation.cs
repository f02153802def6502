namespace Expertennetzwerk.Module.Orders;

/// <summary>One entry of the expert's documentation of an order (Auftragsdokumentation), shown to the broker.</summary>
public sealed class OrderDocumentation
{
    private readonly List<OrderAttachment> _attachments = [];

    /// <summary>Creates an entry.</summary>
    public OrderDocumentation(Guid id, Guid networkId, Guid orderId, DateTimeOffset at, Guid userId, Guid partyId, string text)
    {
        Id = id;
        NetworkId = networkId;
        OrderId = orderId;
        At = at;
        UserId = userId;
        PartyId = partyId;
        Text = text;
    }

    /// <summary>Id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>The order.</summary>
    public Guid OrderId { get; private set; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>The writing user.</summary>
    public Guid UserId { get; private set; }

    /// <summary>The expert party.</summary>
    public Guid PartyId { get; private set; }

    /// <summary>The text.</summary>
    public string Text { get; private set; }

    /// <summary>Files attached to the entry.</summary>
    public IReadOnlyCollection<OrderAttachment> Attachments => _attachments;

    internal void Attach(OrderAttachment attachment) => _attachments.Add(attachment);
}
