using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Tests.Messaging;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Tests.Orders;

/// <summary>
/// The hash chain over an order's history: every way an entry is written links it, and a changed, removed or reordered
/// entry — or a head that does not match — is found at its sequence; the party's text stays outside the chain.
/// </summary>
public sealed class HistoryChainTests(SharedHosts hosts) : IClassFixture<SharedHosts>
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Every_writer_links_its_entry_and_the_chain_of_a_busy_order_verifies(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");
        (await host.Messages().SendAsync(n.Broker, id, "Gibt es schon Neuigkeiten?")).IsOk.Should().BeTrue();
        (await host.Queries.GetOrderAsync(n.Operator, id, "Beschwerde prüfen")).IsOk.Should().BeTrue(); // an operator's look
        (await host.Orders.AddDocumentationAsync(n.Expert, id, "Fertig")).IsOk.Should().BeTrue();
        (await host.Orders.CompleteAsync(n.Expert, id)).IsOk.Should().BeTrue();

        var (entries, head) = await ChainAsync(host, id);
        entries.Select(e => e.Event).Should().Contain(["Created", "Place", "Accept", "Complete"]).And.HaveCountGreaterThan(6);
        entries.Should().OnlyContain(e => e.Hash != null && e.Hash.Length == HistoryChain.HashLength, "every writer links its entry");
        entries.Select(e => Convert.ToHexString(e.Hash!)).Should().OnlyHaveUniqueItems();
        head.Should().Equal(entries[^1].Hash);
        HistoryChain.FirstBreak(entries, head).Should().BeNull();
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_changed_removed_or_reordered_entry_breaks_the_chain_at_its_sequence_a_pseudonymised_text_does_not(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var id = await host.OrderInAsync("InProgress");
        var (entries, head) = await ChainAsync(host, id);
        var third = entries.Single(e => e.Sequence == 3);

        // Erasure may pseudonymise what a party wrote: the chain does not cover the text.
        await using (var db = host.CreateDbContext())
        {
            await db.Set<OrderHistoryEntry>().Where(e => e.OrderId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Text, "[entfernt]"));
        }

        var (pseudonymised, sameHead) = await ChainAsync(host, id);
        HistoryChain.FirstBreak(pseudonymised, sameHead).Should().BeNull();

        // A forged event, time or actor at sequence 3 is found there.
        await using (var db = host.CreateDbContext())
        {
            await db.Set<OrderHistoryEntry>().Where(e => e.Id == third.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Event, "Decline"));
        }

        var (forged, _) = await ChainAsync(host, id);
        HistoryChain.FirstBreak(forged, head).Should().Be(3);
        await using (var db = host.CreateDbContext())
        {
            await db.Set<OrderHistoryEntry>().Where(e => e.Id == third.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Event, third.Event));
            await db.Set<OrderHistoryEntry>().Where(e => e.Id == third.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.At, third.At.AddMinutes(-5)));
        }

        HistoryChain.FirstBreak((await ChainAsync(host, id)).Entries, head).Should().Be(3, "a back-dated entry breaks the chain");

        // A removed entry, and a head that is not the last link.
        HistoryChain.FirstBreak(entries.Where(e => e.Sequence != 2), head).Should().Be(3);
        HistoryChain.FirstBreak(entries.Take(entries.Count - 1), head).Should().Be(0, "the head names a last entry that is gone");
        HistoryChain.FirstBreak(entries, entries[0].Hash).Should().Be(0);
        HistoryChain.FirstBreak(entries, head).Should().BeNull("the untouched copy still verifies");
    }

    private static async Task<(List<OrderHistoryEntry> Entries, byte[]? Head)> ChainAsync(ModuleHost host, Guid orderId)
    {
        await using var db = host.CreateDbContext();
        var entries = await db.Set<OrderHistoryEntry>().AsNoTracking().Where(e => e.OrderId == orderId).OrderBy(e => e.Sequence).ToListAsync();
        var head = await db.Set<ExpertOrder>().AsNoTracking().Where(o => o.Id == orderId).Select(o => o.HistoryHead).SingleAsync();
        return (entries, head);
    }
}
