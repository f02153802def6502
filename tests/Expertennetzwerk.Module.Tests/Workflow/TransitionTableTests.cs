using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Tests.Support;

namespace Expertennetzwerk.Module.Tests.Workflow;

/// <summary>
/// Every setup × trigger × actor, against a table written by hand from the workflow in docs/design.md (not computed from the machine).
/// Each trigger is fired through its <see cref="ExpertOrderService"/> method with valid input on an order the real
/// service brought into the setup.
/// </summary>
public sealed class TransitionTableTests(SharedHosts hosts) : IClassFixture<SharedHosts>
{
    /// <summary>
    /// Columns: owning broker, foreign broker, assigned expert, other expert, operator, system.
    /// Ok = done; NF = NotFound (never reveals the order); R:state = Refused order.invalid_state (nobody may do it in
    /// this state); R:actor = Refused order.actor_not_permitted (the state allows it, but not for this actor).
    /// The foreign broker and the other expert never see the order; the assigned expert never sees a draft (nor a
    /// withdrawn one, which never reached it); operator and system see every order of their network.
    /// InProgress orders are documented, so Complete's documentation guard is met. CancelledDraft is a withdrawn draft.
    /// The orders are of a service that needs the customer's consent, given on paper right after the draft was created,
    /// so Place's consent guard is met and WithdrawConsent has a consent to withdraw (on a draft it keeps the draft).
    /// </summary>
    public const string Table = """
        # setup              trigger                 owning   foreign  assigned other    operator system
        Draft                SaveDraft               Ok       NF       NF       NF       R:actor  R:actor
        Draft                Place                   Ok       NF       NF       NF       R:actor  R:actor
        Draft                Withdraw                Ok       NF       NF       NF       R:actor  R:actor
        Draft                Accept                  R:state  NF       NF       NF       R:state  R:state
        Draft                Decline                 R:state  NF       NF       NF       R:state  R:state
        Draft                SetProgressStep         R:state  NF       NF       NF       R:state  R:state
        Draft                AddDocumentation        R:state  NF       NF       NF       R:state  R:state
        Draft                RequestInformation      R:state  NF       NF       NF       R:state  R:state
        Draft                ProvideInformation      R:state  NF       NF       NF       R:state  R:state
        Draft                Complete                R:state  NF       NF       NF       R:state  R:state
        Draft                Cancel                  R:state  NF       NF       NF       R:state  R:state
        Draft                OpenDispute             R:state  NF       NF       NF       R:state  R:state
        Draft                ResolveDisputeResume    R:state  NF       NF       NF       R:state  R:state
        Draft                ResolveDisputeComplete  R:state  NF       NF       NF       R:state  R:state
        Draft                ResolveDisputeCancel    R:state  NF       NF       NF       R:state  R:state
        Draft                RequestConsent          Ok       NF       NF       NF       R:actor  R:actor
        Draft                RecordPaperConsent      Ok       NF       NF       NF       R:actor  R:actor
        Draft                WithdrawConsent         Ok       NF       NF       NF       R:actor  R:actor

        Placed               SaveDraft               R:state  NF       R:state  NF       R:state  R:state
        Placed               Place                   R:state  NF       R:state  NF       R:state  R:state
        Placed               Withdraw                Ok       NF       R:actor  NF       R:actor  R:actor
        Placed               Accept                  R:actor  NF       Ok       NF       R:actor  R:actor
        Placed               Decline                 R:actor  NF       Ok       NF       R:actor  R:actor
        Placed               SetProgressStep         R:state  NF       R:state  NF       R:state  R:state
        Placed               AddDocumentation        R:state  NF       R:state  NF       R:state  R:state
        Placed               RequestInformation      R:state  NF       R:state  NF       R:state  R:state
        Placed               ProvideInformation      R:state  NF       R:state  NF       R:state  R:state
        Placed               Complete                R:state  NF       R:state  NF       R:state  R:state
        Placed               Cancel                  R:actor  NF       R:actor  NF       Ok       R:actor
        Placed               OpenDispute             R:state  NF       R:state  NF       R:state  R:state
        Placed               ResolveDisputeResume    R:state  NF       R:state  NF       R:state  R:state
        Placed               ResolveDisputeComplete  R:state  NF       R:state  NF       R:state  R:state
        Placed               ResolveDisputeCancel    R:state  NF       R:state  NF       R:state  R:state
        Placed               RequestConsent          R:state  NF       R:state  NF       R:state  R:state
        Placed               RecordPaperConsent      R:state  NF       R:state  NF       R:state  R:state
        Placed               WithdrawConsent         Ok       NF       R:actor  NF       R:actor  R:actor

        InProgress           SaveDraft               R:state  NF       R:state  NF       R:state  R:state
        InProgress           Place                   R:state  NF       R:state  NF       R:state  R:state
        InProgress           Withdraw                R:state  NF       R:state  NF       R:state  R:state
        InProgress           Accept                  R:state  NF       R:state  NF       R:state  R:state
        InProgress           Decline                 R:state  NF       R:state  NF       R:state  R:state
        InProgress           SetProgressStep         R:actor  NF       Ok       NF       R:actor  R:actor
        InProgress           AddDocumentation        R:actor  NF       Ok       NF       R:actor  R:actor
        InProgress           RequestInformation      R:actor  NF       Ok       NF       R:actor  R:actor
        InProgress           ProvideInformation      R:state  NF       R:state  NF       R:state  R:state
        InProgress           Complete                R:actor  NF       Ok       NF       R:actor  R:actor
        InProgress           Cancel                  R:actor  NF       Ok       NF       Ok       R:actor
        InProgress           OpenDispute             Ok       NF       Ok       NF       R:actor  R:actor
        InProgress           ResolveDisputeResume    R:state  NF       R:state  NF       R:state  R:state
        InProgress           ResolveDisputeComplete  R:state  NF       R:state  NF       R:state  R:state
        InProgress           ResolveDisputeCancel    R:state  NF       R:state  NF       R:state  R:state
        InProgress           RequestConsent          R:state  NF       R:state  NF       R:state  R:state
        InProgress           RecordPaperConsent      R:state  NF       R:state  NF       R:state  R:state
        InProgress           WithdrawConsent         Ok       NF       R:actor  NF       R:actor  R:actor

        AwaitingInformation  SaveDraft               R:state  NF       R:state  NF       R:state  R:state
        AwaitingInformation  Place                   R:state  NF       R:state  NF       R:state  R:state
        AwaitingInformation  Withdraw                R:state  NF       R:state  NF       R:state  R:state
        AwaitingInformation  Accept                  R:state  NF       R:state  NF       R:state  R:state
        AwaitingInformation  Decline                 R:state  NF       R:state  NF       R:state  R:state
        AwaitingInformation  SetProgressStep         R:state  NF       R:state  NF       R:state  R:state
        AwaitingInformation  AddDocumentation        R:actor  NF       Ok       NF       R:actor  R:actor
        AwaitingInformation  RequestInformation      R:state  NF       R:state  NF       R:state  R:state
        AwaitingInformation  ProvideInformation      Ok       NF       Ok       NF       R:actor  R:actor
        AwaitingInformation  Complete                R:state  NF       R:state  NF       R:state  R:state
        AwaitingInformation  Cancel                  R:actor  NF       Ok       NF       Ok       R:actor
        AwaitingInformation  OpenDispute             Ok       NF       Ok       NF       R:actor  R:actor
        AwaitingInformation  ResolveDisputeResume    R:state  NF       R:state  NF       R:state  R:state
        AwaitingInformation  ResolveDisputeComplete  R:state  NF       R:state  NF       R:state  R:state
        AwaitingInformation  ResolveDisputeCancel    R:state  NF       R:state  NF       R:state  R:state
        AwaitingInformation  RequestConsent          R:state  NF       R:state  NF       R:state  R:state
        AwaitingInformation  RecordPaperConsent      R:state  NF       R:state  NF       R:state  R:state
        AwaitingInformation  WithdrawConsent         Ok       NF       R:actor  NF       R:actor  R:actor

        Completed            SaveDraft               R:state  NF       R:state  NF       R:state  R:state
        Completed            Place                   R:state  NF       R:state  NF       R:state  R:state
        Completed            Withdraw                R:state  NF       R:state  NF       R:state  R:state
        Completed            Accept                  R:state  NF       R:state  NF       R:state  R:state
        Completed            Decline                 R:state  NF       R:state  NF       R:state  R:state
        Completed            SetProgressStep         R:state  NF       R:state  NF       R:state  R:state
        Completed            AddDocumentation        R:state  NF       R:state  NF       R:state  R:state
        Completed            RequestInformation      R:state  NF       R:state  NF       R:state  R:state
        Completed            ProvideInformation      R:state  NF       R:state  NF       R:state  R:state
        Completed            Complete                R:state  NF       R:state  NF       R:state  R:state
        Completed            Cancel                  R:state  NF       R:state  NF       R:state  R:state
        Completed            OpenDispute             Ok       NF       Ok       NF       R:actor  R:actor
        Completed            ResolveDisputeResume    R:state  NF       R:state  NF       R:state  R:state
        Completed            ResolveDisputeComplete  R:state  NF       R:state  NF       R:state  R:state
        Completed            ResolveDisputeCancel    R:state  NF       R:state  NF       R:state  R:state
        Completed            RequestConsent          R:state  NF       R:state  NF       R:state  R:state
        Completed            RecordPaperConsent      R:state  NF       R:state  NF       R:state  R:state
        Completed            WithdrawConsent         Ok       NF       R:actor  NF       R:actor  R:actor

        Declined             SaveDraft               R:state  NF       R:state  NF       R:state  R:state
        Declined             Place                   R:state  NF       R:state  NF       R:state  R:state
        Declined             Withdraw                R:state  NF       R:state  NF       R:state  R:state
        Declined             Accept                  R:state  NF       R:state  NF       R:state  R:state
        Declined             Decline                 R:state  NF       R:state  NF       R:state  R:state
        Declined             SetProgressStep         R:state  NF       R:state  NF       R:state  R:state
        Declined             AddDocumentation        R:state  NF       R:state  NF       R:state  R:state
        Declined             RequestInformation      R:state  NF       R:state  NF       R:state  R:state
        Declined             ProvideInformation      R:state  NF       R:state  NF       R:state  R:state
        Declined             Complete                R:state  NF       R:state  NF       R:state  R:state
        Declined             Cancel                  R:state  NF       R:state  NF       R:state  R:state
        Declined             OpenDispute             R:state  NF       R:state  NF       R:state  R:state
        Declined             ResolveDisputeResume    R:state  NF       R:state  NF       R:state  R:state
        Declined             ResolveDisputeComplete  R:state  NF       R:state  NF       R:state  R:state
        Declined             ResolveDisputeCancel    R:state  NF       R:state  NF       R:state  R:state
        Declined             RequestConsent          R:state  NF       R:state  NF       R:state  R:state
        Declined             RecordPaperConsent      R:state  NF       R:state  NF       R:state  R:state
        Declined             WithdrawConsent         R:state  NF       R:state  NF       R:state  R:state

        Cancelled            SaveDraft               R:state  NF       R:state  NF       R:state  R:state
        Cancelled            Place                   R:state  NF       R:state  NF       R:state  R:state
        Cancelled            Withdraw                R:state  NF       R:state  NF       R:state  R:state
        Cancelled            Accept                  R:state  NF       R:state  NF       R:state  R:state
        Cancelled            Decline                 R:state  NF       R:state  NF       R:state  R:state
        Cancelled            SetProgressStep         R:state  NF       R:state  NF       R:state  R:state
        Cancelled            AddDocumentation        R:state  NF       R:state  NF       R:state  R:state
        Cancelled            RequestInformation      R:state  NF       R:state  NF       R:state  R:state
        Cancelled            ProvideInformation      R:state  NF       R:state  NF       R:state  R:state
        Cancelled            Complete                R:state  NF       R:state  NF       R:state  R:state
        Cancelled            Cancel                  R:state  NF       R:state  NF       R:state  R:state
        Cancelled            OpenDispute             R:state  NF       R:state  NF       R:state  R:state
        Cancelled            ResolveDisputeResume    R:state  NF       R:state  NF       R:state  R:state
        Cancelled            ResolveDisputeComplete  R:state  NF       R:state  NF       R:state  R:state
        Cancelled            ResolveDisputeCancel    R:state  NF       R:state  NF       R:state  R:state
        Cancelled            RequestConsent          R:state  NF       R:state  NF       R:state  R:state
        Cancelled            RecordPaperConsent      R:state  NF       R:state  NF       R:state  R:state
        Cancelled            WithdrawConsent         R:state  NF       R:state  NF       R:state  R:state

        CancelledDraft       SaveDraft               R:state  NF       NF       NF       R:state  R:state
        CancelledDraft       Place                   R:state  NF       NF       NF       R:state  R:state
        CancelledDraft       Withdraw                R:state  NF       NF       NF       R:state  R:state
        CancelledDraft       Accept                  R:state  NF       NF       NF       R:state  R:state
        CancelledDraft       Decline                 R:state  NF       NF       NF       R:state  R:state
        CancelledDraft       SetProgressStep         R:state  NF       NF       NF       R:state  R:state
        CancelledDraft       AddDocumentation        R:state  NF       NF       NF       R:state  R:state
        CancelledDraft       RequestInformation      R:state  NF       NF       NF       R:state  R:state
        CancelledDraft       ProvideInformation      R:state  NF       NF       NF       R:state  R:state
        CancelledDraft       Complete                R:state  NF       NF       NF       R:state  R:state
        CancelledDraft       Cancel                  R:state  NF       NF       NF       R:state  R:state
        CancelledDraft       OpenDispute             R:state  NF       NF       NF       R:state  R:state
        CancelledDraft       ResolveDisputeResume    R:state  NF       NF       NF       R:state  R:state
        CancelledDraft       ResolveDisputeComplete  R:state  NF       NF       NF       R:state  R:state
        CancelledDraft       ResolveDisputeCancel    R:state  NF       NF       NF       R:state  R:state
        CancelledDraft       RequestConsent          R:state  NF       NF       NF       R:state  R:state
        CancelledDraft       RecordPaperConsent      R:state  NF       NF       NF       R:state  R:state
        CancelledDraft       WithdrawConsent         R:state  NF       NF       NF       R:state  R:state

        Disputed             SaveDraft               R:state  NF       R:state  NF       R:state  R:state
        Disputed             Place                   R:state  NF       R:state  NF       R:state  R:state
        Disputed             Withdraw                R:state  NF       R:state  NF       R:state  R:state
        Disputed             Accept                  R:state  NF       R:state  NF       R:state  R:state
        Disputed             Decline                 R:state  NF       R:state  NF       R:state  R:state
        Disputed             SetProgressStep         R:state  NF       R:state  NF       R:state  R:state
        Disputed             AddDocumentation        R:state  NF       R:state  NF       R:state  R:state
        Disputed             RequestInformation      R:state  NF       R:state  NF       R:state  R:state
        Disputed             ProvideInformation      R:state  NF       R:state  NF       R:state  R:state
        Disputed             Complete                R:state  NF       R:state  NF       R:state  R:state
        Disputed             Cancel                  R:actor  NF       R:actor  NF       Ok       R:actor
        Disputed             OpenDispute             R:state  NF       R:state  NF       R:state  R:state
        Disputed             ResolveDisputeResume    R:actor  NF       R:actor  NF       Ok       R:actor
        Disputed             ResolveDisputeComplete  R:actor  NF       R:actor  NF       Ok       R:actor
        Disputed             ResolveDisputeCancel    R:actor  NF       R:actor  NF       Ok       R:actor
        Disputed             RequestConsent          R:state  NF       R:state  NF       R:state  R:state
        Disputed             RecordPaperConsent      R:state  NF       R:state  NF       R:state  R:state
        Disputed             WithdrawConsent         Ok       NF       R:actor  NF       R:actor  R:actor
        """;

    /// <summary>Where an Ok trigger leads (docs/design.md), for the resulting state and history check.</summary>
    private static readonly Dictionary<(OrderState From, OrderTrigger Trigger), OrderState> Targets = new()
    {
        [(OrderState.Draft, OrderTrigger.Place)] = OrderState.Placed,
        [(OrderState.Draft, OrderTrigger.Withdraw)] = OrderState.Cancelled,
        [(OrderState.Placed, OrderTrigger.Withdraw)] = OrderState.Cancelled,
        [(OrderState.Placed, OrderTrigger.Accept)] = OrderState.InProgress,
        [(OrderState.Placed, OrderTrigger.Decline)] = OrderState.Declined,
        [(OrderState.Placed, OrderTrigger.Cancel)] = OrderState.Cancelled,
        [(OrderState.InProgress, OrderTrigger.RequestInformation)] = OrderState.AwaitingInformation,
        [(OrderState.InProgress, OrderTrigger.Complete)] = OrderState.Completed,
        [(OrderState.InProgress, OrderTrigger.Cancel)] = OrderState.Cancelled,
        [(OrderState.InProgress, OrderTrigger.OpenDispute)] = OrderState.Disputed,
        [(OrderState.AwaitingInformation, OrderTrigger.ProvideInformation)] = OrderState.InProgress,
        [(OrderState.AwaitingInformation, OrderTrigger.Cancel)] = OrderState.Cancelled,
        [(OrderState.AwaitingInformation, OrderTrigger.OpenDispute)] = OrderState.Disputed,
        [(OrderState.Completed, OrderTrigger.OpenDispute)] = OrderState.Disputed,
        [(OrderState.Disputed, OrderTrigger.Cancel)] = OrderState.Cancelled,
        [(OrderState.Disputed, OrderTrigger.ResolveDisputeResume)] = OrderState.InProgress,
        [(OrderState.Disputed, OrderTrigger.ResolveDisputeComplete)] = OrderState.Completed,
        [(OrderState.Disputed, OrderTrigger.ResolveDisputeCancel)] = OrderState.Cancelled,
        [(OrderState.Placed, OrderTrigger.WithdrawConsent)] = OrderState.Cancelled,
        [(OrderState.InProgress, OrderTrigger.WithdrawConsent)] = OrderState.Cancelled,
        [(OrderState.AwaitingInformation, OrderTrigger.WithdrawConsent)] = OrderState.Cancelled,
    };

    private static readonly string[] ActorNames = ["owning broker", "foreign broker", "assigned expert", "other expert", "operator", "system"];

    public static IReadOnlyList<TableRow> Rows { get; } = Parse(Table);

    public static TheoryData<string, OrderTrigger, string> AllRows => ToTheoryData(Rows);

    /// <summary>
    /// PostgreSQL runs a sample: every row where somebody may act (the Ok paths and the R:actor refusals next to
    /// them) plus the first trigger of every setup (a pure R:state row), so every setup and outcome kind is covered.
    /// </summary>
    public static TheoryData<string, OrderTrigger, string> PostgresSample =>
        ToTheoryData(Rows.Where(r => r.Outcomes.Contains("Ok") || r.Trigger == OrderTrigger.SaveDraft));

    [Fact]
    public void Table_covers_every_setup_and_trigger_exactly_once()
    {
        var expected = OrderDriver.Setups.SelectMany(s => Enum.GetValues<OrderTrigger>().Select(t => (s, t))).ToList();
        Rows.Select(r => (r.Setup, r.Trigger)).Should().BeEquivalentTo(expected).And.OnlyHaveUniqueItems();
        Rows.Should().OnlyContain(r => r.Outcomes.Count == 6 && r.Outcomes.All(o => o == "Ok" || o == "NF" || o == "R:state" || o == "R:actor"));
    }

    [Theory]
    [MemberData(nameof(AllRows))]
    public Task On_sqlite(string setup, OrderTrigger trigger, string outcomes) => RunRowAsync(DatabaseKind.Sqlite, setup, trigger, outcomes);

    [SkippableTheory]
    [MemberData(nameof(PostgresSample))]
    public Task On_postgres(string setup, OrderTrigger trigger, string outcomes) => RunRowAsync(DatabaseKind.Postgres, setup, trigger, outcomes);

    /// <summary>The buttons (permitted actions) of each actor are exactly the table's Ok cells of the setup.</summary>
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Permitted_actions_are_the_tables_Ok_cells(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var actors = ActorsOf(host.Network);
        var mismatches = new List<string>();
        foreach (var setup in OrderDriver.Setups)
        {
            var orderId = await host.OrderInAsync(setup, serviceId: host.Network.ConsentServiceId);
            var rows = Rows.Where(r => r.Setup == setup).ToList();
            for (var a = 0; a < actors.Length; a++)
            {
                var visible = rows.Any(r => r.Outcomes[a] != "NF");
                var expected = rows.Where(r => r.Outcomes[a] == "Ok").Select(r => r.Trigger).Order().ToList();
                var actual = await host.Queries.GetPermittedActionsAsync(actors[a], orderId);
                var actualText = actual.IsOk ? "[" + string.Join(", ", actual.Value) + "]" : actual.ToString();
                var expectedText = visible ? "[" + string.Join(", ", expected) + "]" : "NotFound";
                if (actualText != expectedText)
                {
                    mismatches.Add($"{setup} / {ActorNames[a]}: expected {expectedText}, got {actualText}");
                }
            }
        }

        mismatches.Should().BeEmpty();
    }

    private async Task RunRowAsync(DatabaseKind kind, string setup, OrderTrigger trigger, string outcomes)
    {
        var host = await hosts.GetAsync(kind);
        var expected = outcomes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var actors = ActorsOf(host.Network);
        var state = OrderDriver.StateOf(setup);
        var mismatches = new List<string>();
        Guid? orderId = null;
        for (var a = 0; a < actors.Length; a++)
        {
            // Only an Ok uses the order up; refusals leave it as it was (checked below), so the next actor reuses it.
            orderId ??= await host.OrderInAsync(setup, serviceId: host.Network.ConsentServiceId);
            var before = await host.FootprintAsync(orderId.Value);
            before.State.Should().Be(state);
            var result = await host.FireAsync(actors[a], orderId.Value, trigger);
            var actual = Notation(result);
            if (actual != expected[a])
            {
                mismatches.Add($"{ActorNames[a]}: expected {expected[a]}, got {result}");
            }

            var after = await host.FootprintAsync(orderId.Value);
            if (result.IsOk)
            {
                var to = Targets.GetValueOrDefault((state, trigger), state);
                after.State.Should().Be(to, "{0} by the {1} leads from {2} to {3}", trigger, ActorNames[a], state, to);
                after.Version.Should().Be(before.Version + 1);
                // A consent request is also a digital message to the data subject: its own history entry.
                after.History.Should().Be(before.History + (trigger == OrderTrigger.RequestConsent ? 2 : 1), "every command appends exactly one history entry per event");
                // A state change writes its event; a consent request writes the data subject's notification; a withdrawal that
                // keeps the state (a draft stays a draft) writes the broker's notice; Place and Complete their system notice's delivery.
                var outboxRows = (to == state ? 0 : 1) + (trigger == OrderTrigger.RequestConsent ? 3 : 0) // event + message delivery + message.sent
                    + (trigger == OrderTrigger.WithdrawConsent && to == state ? 1 : 0)
                    + (trigger is OrderTrigger.Place or OrderTrigger.Complete ? 1 : 0);
                after.Outbox.Should().Be(before.Outbox + outboxRows, "only a state change, its notice, a consent request or a withdrawal writes an outbox row");
                var last = (await host.HistoryAsync(orderId.Value)).Last(h => h.Event != "MessageSent");
                last.Event.Should().Be(trigger.ToString());
                last.FromState.Should().Be(state);
                last.ToState.Should().Be(to);
                last.PartyId.Should().Be(actors[a].PartyId);
                orderId = null;
            }
            else
            {
                after.Should().Be(before, "a {0} answer to the {1} must change nothing", result, ActorNames[a]);
            }
        }

        mismatches.Should().BeEmpty("{0} × {1} must answer as the table says ({2})", setup, trigger, outcomes);
    }

    private static Actor[] ActorsOf(TestNetwork n) => [n.Broker, n.OtherBroker, n.Expert, n.OtherExpert, n.Operator, n.System];

    private static string Notation(Result result) => result.Status switch
    {
        ResultStatus.Ok => "Ok",
        ResultStatus.NotFound => "NF",
        ResultStatus.Refused when result.Refusal!.Code == "order.invalid_state" => "R:state",
        ResultStatus.Refused when result.Refusal!.Code == "order.actor_not_permitted" => "R:actor",
        _ => result.ToString(),
    };

    private static IReadOnlyList<TableRow> Parse(string table) =>
        table.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line =>
            {
                var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return new TableRow(cells[0], Enum.Parse<OrderTrigger>(cells[1]), cells[2..]);
            })
            .ToList();

    private static TheoryData<string, OrderTrigger, string> ToTheoryData(IEnumerable<TableRow> rows)
    {
        var data = new TheoryData<string, OrderTrigger, string>();
        foreach (var row in rows)
        {
            data.Add(row.Setup, row.Trigger, string.Join(' ', row.Outcomes));
        }

        return data;
    }

    public sealed record TableRow(string Setup, OrderTrigger Trigger, IReadOnlyList<string> Outcomes);
}
