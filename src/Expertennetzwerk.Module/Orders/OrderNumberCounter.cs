namespace Expertennetzwerk.Module.Orders;

/// <summary>The last order number used per network and year; incremented atomically by one upsert.</summary>
internal sealed class OrderNumberCounter
{
    /// <summary>Creates a counter.</summary>
    public OrderNumberCounter(Guid networkId, int year, long lastValue)
    {
        NetworkId = networkId;
        Year = year;
        LastValue = lastValue;
    }

    /// <summary>The network.</summary>
    public Guid NetworkId { get; private set; }

    /// <summary>The calendar year in the network's time zone.</summary>
    public int Year { get; private set; }

    /// <summary>The last number handed out.</summary>
    public long LastValue { get; private set; }
}
