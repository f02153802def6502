using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Documents;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.Messaging;

/// <summary>The messaging services of a <see cref="ModuleHost"/> and what their commands leave in the database.</summary>
public static class MessagingDriver
{
    public static DigitalMessageService Messages(this ModuleHost host) => host.Services.GetRequiredService<DigitalMessageService>();

    public static DigitalMessageQueries MessageQueries(this ModuleHost host) => host.Services.GetRequiredService<DigitalMessageQueries>();

    /// <summary>Sends and asserts Ok.</summary>
    public static async Task<SentMessage> SendOkAsync(this ModuleHost host, Actor actor, Guid orderId, string text, IReadOnlyList<DocumentUpload>? attachments = null)
    {
        var result = await host.Messages().SendAsync(actor, orderId, text, attachments);
        OrderDriver.Ok(result, "Send");
        return result.Value;
    }

    /// <summary>Row counts of every table a message command may write.</summary>
    public static async Task<MessageRowCounts> CountMessageRowsAsync(this ModuleHost host)
    {
        await using var db = host.CreateDbContext();
        return new MessageRowCounts(
            await db.Set<DigitalMessage>().CountAsync(),
            await db.Set<DigitalMessageAttachment>().CountAsync(),
            await db.Set<DigitalMessageReadMark>().CountAsync(),
            await db.Set<DigitalMessageThreadCount>().SumAsync(c => c.ReceivedCount),
            await db.Set<StoredDocument>().CountAsync(),
            await db.Set<OrderHistoryEntry>().CountAsync(),
            await db.Set<OutboxMessage>().CountAsync(),
            await db.Set<ExpertOrder>().SumAsync(o => o.Version),
            await db.Set<ExpertOrder>().SumAsync(o => o.HistoryCount));
    }

    /// <summary>The order's messages as stored, in sequence; the network's system notices (Place, Complete) only when asked for.</summary>
    public static async Task<List<DigitalMessage>> StoredMessagesAsync(this ModuleHost host, Guid orderId, bool withNotices = false)
    {
        await using var db = host.CreateDbContext();
        return (await db.Set<DigitalMessage>().AsNoTracking().Include(m => m.Attachments).Where(m => m.OrderId == orderId).ToListAsync())
            .Where(m => withNotices || m.Kind != DigitalMessageKind.SystemNotice)
            .OrderBy(m => m.Sequence).ToList();
    }

    public static DocumentUpload Pdf(string name, long length, byte fill = 0)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, fill);
        return new DocumentUpload(name, "application/pdf", bytes);
    }
}

/// <summary>Row counts of the tables a message command writes (and the orders' tokens).</summary>
public sealed record MessageRowCounts(
    int Messages, int Attachments, int ReadMarks, int ReceivedCounterSum, int Documents, int History, int Outbox, long OrderVersionSum, long OrderHistoryCountSum);
