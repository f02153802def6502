using System.Globalization;
using System.Text.Json;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Listing;

namespace Expertennetzwerk.Module.Benchmarks.Support;

/// <summary>
/// The benchmark network: one operator, 1,000 approved broker parties, 50 expert parties with three published
/// services each, and a deterministic generator of realistic orders (five years of history, most of them Completed,
/// open orders recent, skewed party sizes, German customer names). Ids of the reference data are fixed so every
/// benchmark process finds the same actors in a cached database.
/// </summary>
internal static class BenchNetwork
{
    public const int BrokerCount = 1_000;
    public const int ExpertCount = 50;
    public const int ServicesPerExpert = 3;

    /// <summary>The instant the seeded history ends.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public static Guid NetworkId { get; } = Fixed(0xA, 1);
    public static Guid OperatorPartyId { get; } = Fixed(0xC, 1);
    public static Guid UserId { get; } = Fixed(0xD, 1);

    /// <summary>Broker 0 owns the most orders (about 1.3 %), broker 999 the fewest.</summary>
    public static Guid Broker(int index) => Fixed(0xB, index);

    /// <summary>Expert 0 is assigned the most orders (about 8 %).</summary>
    public static Guid Expert(int index) => Fixed(0xE, index);

    public static Guid Service(int expert, int k) => Fixed(0x5, expert * 10 + k);
    public static Guid ServiceVersion(int expert, int k) => Fixed(0x6, expert * 10 + k);
    public static Guid Category(int index) => Fixed(0x7, index);

    public static Actor BusiestBroker => Actor.Broker(NetworkId, Broker(0), UserId);
    public static Actor BusiestExpert => Actor.Expert(NetworkId, Expert(0), UserId);
    public static Actor Operator => Actor.Operator(NetworkId, OperatorPartyId, UserId);

    /// <summary>Network, parties, the user with its memberships, categories, services (with published versions).</summary>
    public static IEnumerable<object> ReferenceData()
    {
        yield return new ExpertNetwork(NetworkId, "Benchmarknetz") { OperatorPartyId = OperatorPartyId };
        yield return new Party(OperatorPartyId, NetworkId, PartyKind.Operator, "Netzwerkorganisation GmbH") { Approval = ApprovalState.Approved };
        yield return new NetworkUser(UserId, NetworkId, "Benchmark Nutzer", "bench@example.test");

        // The benchmark user acts for the operator and for every broker and expert party: the module checks membership.
        yield return new PartyMembership(NetworkId, UserId, OperatorPartyId);
        for (var i = 0; i < BrokerCount; i++)
        {
            var broker = new Party(Broker(i), NetworkId, PartyKind.Broker, $"Maklerbüro {i:D4}")
            {
                BrokerKind = BrokerKind.InsuranceBroker,
                Approval = ApprovalState.Approved,
            };
            broker.AddRegistration(new PartyRegistration(Fixed(0xF, i), TradePermission.Insurance34d, $"D-W-{i:D3}-BNCH-{i % 97:D2}"));
            yield return broker;
            yield return new PartyMembership(NetworkId, UserId, broker.Id);
        }

        for (var i = 0; i < ExpertCount; i++)
        {
            yield return new Party(Expert(i), NetworkId, PartyKind.Expert, $"Expertenbüro {i:D2}") { Approval = ApprovalState.Approved };
            yield return new PartyMembership(NetworkId, UserId, Expert(i));
        }

        var categoryIndex = 0;
        foreach (var category in StandardCategories.Create(NetworkId, () => Category(categoryIndex++)))
        {
            yield return category;
        }

        var created = Now.AddYears(-6);
        for (var e = 0; e < ExpertCount; e++)
        {
            for (var k = 0; k < ServicesPerExpert; k++)
            {
                var service = new ExpertService(Service(e, k), NetworkId, Expert(e), Category((e + k) % StandardCategories.All.Count), created)
                {
                    PublishedVersionId = ServiceVersion(e, k),
                };
                var version = new ExpertServiceVersion(ServiceVersion(e, k), NetworkId, service.Id, 1, $"Dienstleistung {e:D2}-{k}", "Beschreibung", created)
                {
                    RequiredPermission = TradePermission.Insurance34d,
                    PriceCents = 9_900,
                    ProgressSteps = ["Unterlagen angefordert", "Analyse läuft", "Ergebnis in Abstimmung"],
                };
                version.Publish(created);
                yield return service;
                yield return version;
            }
        }
    }

    /// <summary>
    /// <paramref name="size"/> orders in creation order, and the per-party per-state counters they add up to
    /// (filled in while the sequence is enumerated).
    /// </summary>
    public static IEnumerable<ExpertOrder> Orders(int size, Dictionary<(OrderRole Role, Guid Party, OrderState State), long> counts)
    {
        var random = new Random(20_260_302);
        var brokers = new WeightedPicker(BrokerCount, i => 1.0 / (i + 20), random);
        var experts = new WeightedPicker(ExpertCount, i => 1.0 / (i + 5), random);
        var names = new CustomerNames(random);
        var start = Now.AddYears(-5);
        var span = (Now - start).Ticks;
        var numbers = new Dictionary<int, int>();
        for (var i = 0; i < size; i++)
        {
            var created = start.AddTicks((long)(span * ((i + random.NextDouble() * 0.9) / size)));
            var age = Now - created;
            var state = PickState(age, random);
            var broker = brokers.Next();
            var expert = experts.Next();
            var k = random.Next(ServicesPerExpert);
            var year = created.Year;
            numbers[year] = numbers.GetValueOrDefault(year) + 1;
            var name = names.Next();
            var order = new ExpertOrder(
                Guid.CreateVersion7(created), NetworkId, string.Create(CultureInfo.InvariantCulture, $"EA-{year:D4}-{numbers[year]:D6}"),
                Broker(broker), UserId, Service(expert, k), ServiceVersion(expert, k), Expert(expert), Category((expert + k) % StandardCategories.All.Count),
                string.Create(CultureInfo.InvariantCulture, $"K-{random.Next(1, 100_000)}"), name,
                JsonSerializer.Serialize(new Dictionary<string, string?> { ["displayName"] = name }), created);
            order.SetFormData("""{"anlass":"Bestandsprüfung","vertraege":2}""");
            Shape(order, state, created, random);
            counts[(OrderRole.OwningBroker, order.BrokerPartyId, state)] = counts.GetValueOrDefault((OrderRole.OwningBroker, order.BrokerPartyId, state)) + 1;
            if (order.AssignedExpertPartyId is { } assigned)
            {
                counts[(OrderRole.AssignedExpert, assigned, state)] = counts.GetValueOrDefault((OrderRole.AssignedExpert, assigned, state)) + 1;
            }

            yield return order;
        }
    }

    /// <summary>The counter rows for <paramref name="counts"/>.</summary>
    public static IEnumerable<OrderStateCount> CountRows(Dictionary<(OrderRole Role, Guid Party, OrderState State), long> counts) =>
        counts.Select(c => new OrderStateCount(NetworkId, c.Key.Party, c.Key.Role, c.Key.State.ToString(), c.Value));

    /// <summary>A new draft (for the write benchmarks), created now by broker <paramref name="broker"/> for expert <paramref name="expert"/>'s first service.</summary>
    public static ExpertOrder NewDraft(int broker, int expert, string number, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), NetworkId, number, Broker(broker), UserId, Service(expert, 0), ServiceVersion(expert, 0), Expert(expert),
            Category(expert % StandardCategories.All.Count), "K-1", "Dr. Erika Mustermann",
            """{"displayName":"Dr. Erika Mustermann"}""", now)
        {
            // CreateDraft's "Created" history entry (the pool writes it).
            HistoryCount = 1,
        };

    /// <summary>Turns a draft into a placed order as Place would (for the Accept benchmarks' pool).</summary>
    public static void MakePlaced(ExpertOrder order, DateTimeOffset now)
    {
        order.AssignExpert();
        order.PlacedAt = now;
        order.State = OrderState.Placed;
        order.HistoryCount = 2;
        order.Version = 2;
    }

    private static void Shape(ExpertOrder order, OrderState state, DateTimeOffset created, Random random)
    {
        var updated = created.AddMinutes(random.Next(1, 2 * 24 * 60));
        var history = 1;
        if (state != OrderState.Draft)
        {
            order.AssignExpert();
            var placed = created.AddMinutes(random.Next(5, 3 * 24 * 60));
            order.PlacedAt = Min(placed);
            updated = placed;
            history = 2;
            switch (state)
            {
                case OrderState.InProgress or OrderState.AwaitingInformation or OrderState.Disputed:
                    updated = placed.AddMinutes(random.Next(10, 20 * 24 * 60));
                    history = state == OrderState.InProgress ? 3 : 5;
                    if (random.Next(2) == 0)
                    {
                        order.ProgressStep = "Analyse läuft";
                        history++;
                    }

                    order.DocumentationCount = random.Next(0, 3);
                    order.DisputedFromState = state == OrderState.Disputed ? (random.Next(2) == 0 ? OrderState.InProgress : OrderState.Completed) : null;
                    break;
                case OrderState.Completed:
                    updated = placed.AddMinutes(random.Next(60, 45 * 24 * 60));
                    order.CompletedAt = Min(updated);
                    order.DocumentationCount = random.Next(1, 4);
                    history = 5 + order.DocumentationCount;
                    break;
                case OrderState.Declined:
                    updated = placed.AddMinutes(random.Next(30, 3 * 24 * 60));
                    history = 3;
                    break;
                case OrderState.Cancelled:
                    updated = placed.AddMinutes(random.Next(30, 30 * 24 * 60));
                    history = 4;
                    break;
            }
        }
        else if (random.Next(5) == 0)
        {
            // A saved draft: Created and SaveDraft.
            history = 2;
        }

        order.State = state;
        order.HistoryCount = history;
        order.Version = history;
        order.UpdatedAt = Min(updated);
    }

    private static DateTimeOffset Min(DateTimeOffset value) => value > Now ? Now.AddSeconds(-1) : value;

    /// <summary>Recent orders are mostly open, orders older than three months mostly Completed.</summary>
    private static OrderState PickState(TimeSpan age, Random random)
    {
        ReadOnlySpan<double> weights = age.TotalDays switch
        {
            // Draft, Placed, InProgress, AwaitingInformation, Completed, Declined, Cancelled, Disputed
            < 14 => [15, 20, 40, 8, 10, 3, 3, 1],
            < 90 => [4, 2, 20, 4, 60, 3, 5, 2],
            _ => [0.5, 0, 0.3, 0.1, 86, 4, 8.5, 0.6],
        };
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var x = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return (OrderState)i;
            }
        }

        return OrderState.Completed;
    }

    private static Guid Fixed(int kind, int n) =>
        Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"{kind:x8}-0000-7000-8000-{n:x12}"));

    /// <summary>Picks indexes 0..n-1 with the given weights.</summary>
    private sealed class WeightedPicker
    {
        private readonly double[] _cumulative;
        private readonly Random _random;

        public WeightedPicker(int n, Func<int, double> weight, Random random)
        {
            _random = random;
            _cumulative = new double[n];
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += weight(i);
                _cumulative[i] = sum;
            }
        }

        public int Next()
        {
            var x = _random.NextDouble() * _cumulative[^1];
            var i = Array.BinarySearch(_cumulative, x);
            return i >= 0 ? i : Math.Min(~i, _cumulative.Length - 1);
        }
    }
}
