using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Tests.Orders;

/// <summary>The order list: filters, free text, per-state counts, keyset paging and the signed cursor.</summary>
public sealed class OrderListTests
{
    /// <summary>
    /// Five orders of the broker and one of a colleague, on a fixed timeline (UTC, 2 March 2026):
    /// o1 K-1 service       created 08:00, Draft                                     updated 08:00
    /// o2 K-2 service       created 09:00, Placed; accepted at 13:00 → InProgress    updated 13:00
    /// o3 K-2 revenue share created 10:00, placed and accepted → InProgress          updated 10:00
    /// o4 K-3 service       created 11:00, placed, accepted, documented, Completed    updated 11:00
    /// o5 K-1 other category created 12:00, placed and withdrawn → Cancelled         updated 12:00
    /// o6 colleague's K-1   created 12:30, Placed                                    updated 12:30.
    /// </summary>
    private sealed class Scenario
    {
        public required ModuleHost Host { get; init; }
        public required Guid[] O { get; init; } // O[1]..O[6]
        public required Guid OtherCategoryId { get; init; }
        public required Guid OtherCategoryServiceId { get; init; }
        public required DateTimeOffset T0 { get; init; }

        public TestNetwork N => Host.Network;
    }

    private static async Task<Scenario> ScenarioAsync(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        var t0 = host.Time.GetUtcNow();
        host.Customers.Add(n.BrokerPartyId, "K-3", "Ärztin Zoë Weiß-Lüdenscheidt");
        var (otherCategoryId, otherServiceId) = await AddServiceInAnotherCategoryAsync(host);
        var o = new Guid[7];
        var orders = host.Orders;

        async Task<Guid> Draft(Actor broker, Guid service, string customer)
        {
            var created = await orders.CreateDraftAsync(broker, new CreateDraftCommand(service, customer));
            OrderDriver.Ok(created, "CreateDraft " + customer);
            return created.Value.OrderId;
        }

        o[1] = await Draft(n.Broker, n.ServiceId, "K-1");
        host.Time.SetUtcNow(t0.AddHours(1));
        o[2] = await Draft(n.Broker, n.ServiceId, "K-2");
        OrderDriver.Ok(await orders.PlaceAsync(n.Broker, o[2]), "Place o2");
        host.Time.SetUtcNow(t0.AddHours(2));
        o[3] = await Draft(n.Broker, n.RevenueShareServiceId, "K-2");
        OrderDriver.Ok(await orders.PlaceAsync(n.Broker, o[3]), "Place o3");
        OrderDriver.Ok(await orders.AcceptAsync(n.Expert, o[3]), "Accept o3");
        host.Time.SetUtcNow(t0.AddHours(3));
        o[4] = await Draft(n.Broker, n.ServiceId, "K-3");
        OrderDriver.Ok(await orders.PlaceAsync(n.Broker, o[4]), "Place o4");
        OrderDriver.Ok(await orders.AcceptAsync(n.Expert, o[4]), "Accept o4");
        OrderDriver.Ok(await orders.AddDocumentationAsync(n.Expert, o[4], "Fertig"), "Document o4");
        OrderDriver.Ok(await orders.CompleteAsync(n.Expert, o[4]), "Complete o4");
        host.Time.SetUtcNow(t0.AddHours(4));
        o[5] = await Draft(n.Broker, otherServiceId, "K-1");
        OrderDriver.Ok(await orders.PlaceAsync(n.Broker, o[5]), "Place o5");
        OrderDriver.Ok(await orders.WithdrawAsync(n.Broker, o[5], "Doch nicht"), "Withdraw o5");
        host.Time.SetUtcNow(t0.AddHours(4.5));
        o[6] = await Draft(n.OtherBroker, n.ServiceId, "K-1");
        OrderDriver.Ok(await orders.PlaceAsync(n.OtherBroker, o[6]), "Place o6");
        host.Time.SetUtcNow(t0.AddHours(5));
        OrderDriver.Ok(await orders.AcceptAsync(n.Expert, o[2]), "Accept o2");
        host.Time.SetUtcNow(t0.AddHours(6));
        return new Scenario { Host = host, O = o, OtherCategoryId = otherCategoryId, OtherCategoryServiceId = otherServiceId, T0 = t0 };
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Filters_select_exactly_the_matching_orders_newest_change_first(DatabaseKind kind)
    {
        var s = await ScenarioAsync(kind);
        await using var _ = s.Host;
        var n = s.N;
        var o = s.O;
        var t0 = s.T0;

        async Task Expect(Actor actor, OrderListQuery query, params int[] expected)
        {
            var page = await s.Host.Queries.ListOrdersAsync(actor, query);
            page.Status.Should().Be(ResultStatus.Ok, page.ToString());
            page.Value.Items.Select(i => Array.IndexOf(o, i.Id)).Should().Equal(expected, "{0} lists {1}", actor.PartyKind, query);

            // The common first pages are compiled queries; a filter that excludes nothing takes the general query: same rows.
            if (query.UpdatedTo is null)
            {
                var general = await s.Host.Queries.ListOrdersAsync(actor, query with { UpdatedTo = t0.AddYears(100) });
                general.Value.Items.Should().Equal(page.Value.Items, "{0} lists {1} through either query", actor.PartyKind, query);
            }
        }

        await Expect(n.Broker, new OrderListQuery(), 2, 5, 4, 3, 1);
        await Expect(n.Broker, new OrderListQuery { States = [OrderState.InProgress] }, 2, 3);
        await Expect(n.Broker, new OrderListQuery { States = [OrderState.Draft] }, 1);
        await Expect(n.Broker, new OrderListQuery { States = [OrderState.Placed, OrderState.InProgress] }, 2, 3);
        await Expect(n.Broker, new OrderListQuery { States = [OrderState.Completed, OrderState.Cancelled] }, 5, 4);
        await Expect(n.Broker, new OrderListQuery { States = [OrderState.Draft, OrderState.Completed] }, 4, 1);
        await Expect(n.Broker, new OrderListQuery { States = [OrderState.Draft, OrderState.InProgress, OrderState.InProgress] }, 2, 3, 1);
        await Expect(n.Broker, new OrderListQuery { States = [OrderState.Disputed] });
        // A whole group of states (every open one, every closed one) is filtered by the open flag alone.
        OrderState[] open = [OrderState.Placed, OrderState.InProgress, OrderState.AwaitingInformation, OrderState.Disputed];
        OrderState[] closed = [OrderState.Draft, OrderState.Completed, OrderState.Cancelled, OrderState.Declined];
        await Expect(n.Broker, new OrderListQuery { States = open }, 2, 3);
        await Expect(n.Broker, new OrderListQuery { States = closed }, 5, 4, 1);
        await Expect(n.Broker, new OrderListQuery { States = [OrderState.Completed, OrderState.Cancelled, OrderState.Declined] }, 5, 4);
        await Expect(n.Operator, new OrderListQuery { States = open }, 2, 6, 3);
        await Expect(n.Expert, new OrderListQuery { States = open }, 2, 6, 3);
        await Expect(n.Operator, new OrderListQuery { States = [.. closed, OrderState.Placed] }, 6, 5, 4, 1);
        await Expect(n.Broker, new OrderListQuery { ServiceId = n.RevenueShareServiceId }, 3);
        await Expect(n.Broker, new OrderListQuery { CategoryId = s.OtherCategoryId }, 5);
        await Expect(n.Broker, new OrderListQuery { CategoryId = n.CategoryId }, 2, 4, 3, 1);
        await Expect(n.Broker, new OrderListQuery { CustomerRef = "K-2" }, 2, 3);
        await Expect(n.Broker, new OrderListQuery { CustomerRef = " K-1 " }, 5, 1);
        await Expect(n.Broker, new OrderListQuery { CreatedFrom = t0.AddHours(1), CreatedTo = t0.AddHours(3) }, 2, 3);
        await Expect(n.Broker, new OrderListQuery { UpdatedFrom = t0.AddHours(2), UpdatedTo = t0.AddHours(4) }, 4, 3);
        await Expect(n.Broker, new OrderListQuery { UpdatedFrom = t0.AddHours(5) }, 2);
        await Expect(n.Broker, new OrderListQuery { UpdatedTo = t0.AddHours(2) }, 1);
        await Expect(n.Broker, new OrderListQuery { States = [OrderState.InProgress], CustomerRef = "K-2", ServiceId = n.ServiceId }, 2);

        await Expect(n.OtherBroker, new OrderListQuery(), 6);
        await Expect(n.Expert, new OrderListQuery(), 2, 6, 5, 4, 3);
        await Expect(n.Expert, new OrderListQuery { States = [OrderState.Placed] }, 6);
        await Expect(n.OtherExpert, new OrderListQuery());
        await Expect(n.Operator, new OrderListQuery(), 2, 6, 5, 4, 3, 1);
        await Expect(n.Operator, new OrderListQuery { States = [OrderState.Placed, OrderState.Draft] }, 6, 1);
        (await s.Host.Queries.ListOrdersAsync(n.Broker.InNetwork(Guid.CreateVersion7()), new OrderListQuery())).Status.Should().Be(ResultStatus.Forbidden);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Free_text_finds_customer_names_case_and_umlaut_insensitively_and_order_numbers(DatabaseKind kind)
    {
        var s = await ScenarioAsync(kind);
        await using var _ = s.Host;
        var n = s.N;
        var o = s.O;
        var number4 = (await s.Host.LoadOrderAsync(o[4])).Number;
        number4.Should().Be("EA-2026-000004");

        async Task Expect(Actor actor, string text, params int[] expected)
        {
            var page = await s.Host.Queries.ListOrdersAsync(actor, new OrderListQuery { Text = text });
            page.Status.Should().Be(ResultStatus.Ok, page.ToString());
            page.Value.Items.Select(i => Array.IndexOf(o, i.Id)).Should().Equal(expected, "{0} searching \"{1}\"", actor.PartyKind, text);
        }

        await Expect(n.Broker, "öztürk", 2, 3);
        await Expect(n.Broker, "ÖZTÜRK", 2, 3);
        await Expect(n.Broker, "Jürgen Ö", 2, 3);
        await Expect(n.Broker, "Öz", 2, 3); // shorter than a trigram
        await Expect(n.Broker, "ärztin", 4);
        await Expect(n.Broker, "ÄRZTIN ZOË", 4);
        await Expect(n.Broker, "lüdenscheidt", 4);
        await Expect(n.Broker, "Mustermann", 5, 1);
        await Expect(n.Broker, "  muster  ", 5, 1);
        await Expect(n.Broker, "Schmidt");
        await Expect(n.Broker, "100%_", []);
        await Expect(n.Broker, "EA-2026-000004", 4);
        await Expect(n.Broker, "ea-2026-000004", 4);
        await Expect(n.Broker, "000004", 4);
        await Expect(n.Broker, "2026-00000", 2, 5, 4, 3, 1);
        await Expect(n.Broker, "000006", []); // the colleague's order
        await Expect(n.Expert, "öztürk", 2, 3);
        await Expect(n.Expert, "mustermann", 6, 5); // o1 is a draft
        await Expect(n.OtherBroker, "mustermann", 6);

        // The operator sees metadata only: it finds order numbers, never customer names.
        await Expect(n.Operator, "mustermann");
        await Expect(n.Operator, "Öztürk");
        await Expect(n.Operator, "ea-2026-000004", 4);
        await Expect(n.Operator, "000006", 6);
        await Expect(n.Operator, "EA-2026", 2, 6, 5, 4, 3, 1);

        var tooLong = await s.Host.Queries.ListOrdersAsync(n.Broker, new OrderListQuery { Text = new string('a', 101) });
        tooLong.FieldErrors.Should().ContainSingle().Which.Field.Should().Be("text");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Counts_per_state_are_the_unfiltered_counts_of_the_actors_orders(DatabaseKind kind)
    {
        var s = await ScenarioAsync(kind);
        await using var _ = s.Host;
        var n = s.N;

        async Task<IReadOnlyDictionary<OrderState, long>> Counts(Actor actor) =>
            (await s.Host.Queries.ListOrdersAsync(actor, new OrderListQuery { States = [OrderState.Disputed], Text = "zzz" })).Value.CountsByState!;

        (await Counts(n.Broker)).Should().BeEquivalentTo(Map(draft: 1, inProgress: 2, completed: 1, cancelled: 1));
        (await Counts(n.OtherBroker)).Should().BeEquivalentTo(Map(placed: 1));
        var expert = await Counts(n.Expert);
        expert.Should().NotContainKey(OrderState.Draft);
        expert.Should().BeEquivalentTo(Map(placed: 1, inProgress: 2, completed: 1, cancelled: 1).Where(kv => kv.Key != OrderState.Draft).ToDictionary());
        (await Counts(n.OtherExpert)).Values.Should().OnlyContain(c => c == 0);
        (await Counts(n.Operator)).Should().BeEquivalentTo(Map(draft: 1, placed: 1, inProgress: 2, completed: 1, cancelled: 1));
        (await s.Host.Queries.ListOrdersAsync(n.Broker, new OrderListQuery { IncludeCounts = false })).Value.CountsByState.Should().BeNull();
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Counts_stay_consistent_with_the_rows_after_many_transitions(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        var random = new Random(20260302);
        Actor[] brokers = [n.Broker, n.OtherBroker, n.Advisor];
        Actor[] everyone = [n.Broker, n.OtherBroker, n.Advisor, n.Expert, n.Operator];
        var ids = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            var created = await host.Orders.CreateDraftAsync(brokers[i % 3], new CreateDraftCommand(n.ServiceId, i % 2 == 0 ? "K-1" : "K-2"));
            OrderDriver.Ok(created, "CreateDraft");
            ids.Add(created.Value.OrderId);
        }

        // A random walk over the permitted (actor, trigger) pairs of still-open orders; closed orders drop out.
        var open = new List<Guid>(ids);
        var fired = 0;
        while (fired < 90)
        {
            if (open.Count == 0)
            {
                var created = await host.Orders.CreateDraftAsync(brokers[fired % 3], new CreateDraftCommand(n.ServiceId, "K-1"));
                OrderDriver.Ok(created, "CreateDraft");
                open.Add(created.Value.OrderId);
            }

            host.Time.Advance(TimeSpan.FromSeconds(random.Next(0, 3)));
            var id = open[random.Next(open.Count)];
            var options = new List<(Actor Actor, OrderTrigger Trigger)>();
            foreach (var actor in everyone)
            {
                var permitted = await host.Queries.GetPermittedActionsAsync(actor, id);
                if (permitted.IsOk)
                {
                    options.AddRange(permitted.Value.Select(t => (actor, t)));
                }
            }

            if (options.Count == 0)
            {
                open.Remove(id);
                continue;
            }

            var (who, trigger) = options[random.Next(options.Count)];
            OrderDriver.Ok(await host.FireAsync(who, id, trigger), $"{trigger} by {who.PartyKind}");
            fired++;
        }

        (await host.CountRowsAsync()).Orders.Should().BeGreaterThanOrEqualTo(24);
        await host.AssertCountsMatchRowsAsync();
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Keyset_pages_cover_every_order_once_in_order_across_ties(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        for (var i = 0; i < 31; i++)
        {
            var created = await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(n.ServiceId, "K-1"));
            OrderDriver.Ok(created, "CreateDraft");
            if (i % 4 == 0)
            {
                OrderDriver.Ok(await host.Orders.PlaceAsync(n.Broker, created.Value.OrderId), "Place");
            }

            if (i % 10 == 9)
            {
                host.Time.Advance(TimeSpan.FromMilliseconds(1)); // runs of ten orders share one instant: the id breaks ties
            }
        }

        await using (var db = host.CreateDbContext())
        {
            var all = (await db.Set<ExpertOrder>().AsNoTracking().Where(o => o.BrokerPartyId == n.BrokerPartyId).ToListAsync())
                .OrderByDescending(o => o.UpdatedAt).ThenByDescending(o => o.Id).ToList();
            foreach (var (query, expected) in new[]
                     {
                         (new OrderListQuery { PageSize = 4 }, all),
                         (new OrderListQuery { PageSize = 1, States = [OrderState.Placed] }, all.Where(o => o.State == OrderState.Placed).ToList()),
                         (new OrderListQuery { PageSize = 5, Text = "muster" }, all),
                         (new OrderListQuery { PageSize = 100 }, all),
                     })
            {
                var seen = new List<Guid>();
                var pages = 0;
                string? cursor = null;
                do
                {
                    var page = await host.Queries.ListOrdersAsync(n.Broker, query with { Cursor = cursor });
                    page.Status.Should().Be(ResultStatus.Ok, page.ToString());
                    page.Value.Items.Count.Should().BeLessThanOrEqualTo(query.PageSize);
                    seen.AddRange(page.Value.Items.Select(i => i.Id));
                    cursor = page.Value.NextCursor;
                    pages++;
                }
                while (cursor is not null);

                seen.Should().Equal(expected.Select(o => o.Id), "paging {0} returns every order once, newest change first, ties by id", query);
                pages.Should().Be(Math.Max(1, (int)Math.Ceiling(expected.Count / (double)query.PageSize)), "no empty trailing page");
            }

            var operatorPage = await host.Queries.ListOrdersAsync(n.Operator, new OrderListQuery { PageSize = 7 });
            var operatorNext = await host.Queries.ListOrdersAsync(n.Operator, new OrderListQuery { PageSize = 7, Cursor = operatorPage.Value.NextCursor });
            operatorPage.Value.Items.Concat(operatorNext.Value.Items).Select(i => i.Id).Should().Equal(all.Take(14).Select(o => o.Id));
        }
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Bad_page_sizes_and_cursors_are_validation_errors(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        for (var i = 0; i < 5; i++)
        {
            OrderDriver.Ok(await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(n.ServiceId, "K-1")), "CreateDraft");
        }

        foreach (var size in new[] { 0, -1, 101, int.MaxValue })
        {
            var result = await host.Queries.ListOrdersAsync(n.Broker, new OrderListQuery { PageSize = size });
            result.Status.Should().Be(ResultStatus.ValidationFailed);
            result.FieldErrors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = "pageSize", Code = "out_of_range" });
            result.FieldErrors[0].Text.German.Should().Be("Bitte einen Wert zwischen 1 und 100 angeben.");
        }

        (await host.Queries.ListOrdersAsync(n.Broker, new OrderListQuery { PageSize = 1 })).Status.Should().Be(ResultStatus.Ok);
        (await host.Queries.ListOrdersAsync(n.Broker, new OrderListQuery { PageSize = 100 })).Status.Should().Be(ResultStatus.Ok);

        var query = new OrderListQuery { PageSize = 2, States = [OrderState.Draft] };
        var first = await host.Queries.ListOrdersAsync(n.Broker, query);
        var cursor = first.Value.NextCursor!;
        cursor.Should().NotBeNull();
        (await host.Queries.ListOrdersAsync(n.Broker, query with { Cursor = cursor })).Status.Should().Be(ResultStatus.Ok, "the cursor fits its own filter");

        var middle = cursor.Length / 2;
        var tampered = cursor[..middle] + (cursor[middle] == 'A' ? 'B' : 'A') + cursor[(middle + 1)..];
        var bad = new Dictionary<string, (Actor Actor, OrderListQuery Query)>
        {
            ["malformed"] = (n.Broker, query with { Cursor = "das-ist-kein-cursor!" }),
            ["not base64"] = (n.Broker, query with { Cursor = "%%%%" }),
            ["too long"] = (n.Broker, query with { Cursor = new string('A', 500) }),
            ["truncated"] = (n.Broker, query with { Cursor = cursor[..^4] }),
            ["tampered"] = (n.Broker, query with { Cursor = tampered }),
            ["another filter"] = (n.Broker, query with { Cursor = cursor, States = [OrderState.Draft, OrderState.Placed] }),
            ["another text"] = (n.Broker, query with { Cursor = cursor, Text = "muster" }),
            ["another page size"] = (n.Broker, query with { Cursor = cursor, PageSize = 3 }),
            ["another party"] = (n.OtherBroker, query with { Cursor = cursor }),
            ["another actor kind"] = (n.Operator, query with { Cursor = cursor }),
        };
        foreach (var (name, (actor, badQuery)) in bad)
        {
            var result = await host.Queries.ListOrdersAsync(actor, badQuery);
            result.Status.Should().Be(ResultStatus.ValidationFailed, "a {0} cursor is refused", name);
            result.FieldErrors.Should().ContainSingle().Which.Field.Should().Be("cursor");
            result.FieldErrors[0].Text.German.Should().Be("Dieser Wert ist ungültig.");
        }
    }

    private static Dictionary<OrderState, long> Map(long draft = 0, long placed = 0, long inProgress = 0, long awaiting = 0, long completed = 0, long declined = 0, long cancelled = 0, long disputed = 0) => new()
    {
        [OrderState.Draft] = draft,
        [OrderState.Placed] = placed,
        [OrderState.InProgress] = inProgress,
        [OrderState.AwaitingInformation] = awaiting,
        [OrderState.Completed] = completed,
        [OrderState.Declined] = declined,
        [OrderState.Cancelled] = cancelled,
        [OrderState.Disputed] = disputed,
    };

    private static async Task<(Guid CategoryId, Guid ServiceId)> AddServiceInAnotherCategoryAsync(ModuleHost host)
    {
        Guid categoryId;
        await using (var db = host.CreateDbContext())
        {
            categoryId = (await db.Set<ServiceCategory>().FirstAsync(c => c.NetworkId == host.Network.NetworkId && c.Id != host.Network.CategoryId)).Id;
        }

        return (categoryId, await host.AddPublishedServiceAsync("bAV-Check", categoryId));
    }
}
