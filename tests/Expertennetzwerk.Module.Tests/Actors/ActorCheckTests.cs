using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Documents;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Messaging.Queries;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Tests.Messaging;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Tests.Actors;

/// <summary>
/// The actor is checked against the module's own rows before anything else: membership, the party's kind in the
/// network, the network's operator party. An actor that does not check out gets Forbidden, whatever the id.
/// </summary>
public sealed class ActorCheckTests(SharedHosts hosts) : IClassFixture<SharedHosts>
{
    /// <summary>Every public use case of the core, called with <c>actor</c> on an order the broker owns.</summary>
    private static readonly (string Name, Func<ModuleHost, Actor, Guid, Task<Result>> Call)[] UseCases =
    [
        ("Orders.CreateDraft", async (h, a, _) => await h.Orders.CreateDraftAsync(a, new CreateDraftCommand(h.Network.ServiceId, "K-1"))),
        ("Orders.SaveDraft", async (h, a, id) => await h.Orders.SaveDraftAsync(a, id, "{}")),
        ("Orders.Place", async (h, a, id) => await h.Orders.PlaceAsync(a, id)),
        ("Orders.Withdraw", async (h, a, id) => await h.Orders.WithdrawAsync(a, id, "Grund")),
        ("Orders.Accept", async (h, a, id) => await h.Orders.AcceptAsync(a, id)),
        ("Orders.Decline", async (h, a, id) => await h.Orders.DeclineAsync(a, id, "Grund")),
        ("Orders.SetProgressStep", async (h, a, id) => await h.Orders.SetProgressStepAsync(a, id, "Analyse läuft")),
        ("Orders.AddDocumentation", async (h, a, id) => await h.Orders.AddDocumentationAsync(a, id, "Doku", [MessagingDriver.Pdf("a.pdf", 10)])),
        ("Orders.RequestInformation", async (h, a, id) => await h.Orders.RequestInformationAsync(a, id, "Frage")),
        ("Orders.ProvideInformation", async (h, a, id) => await h.Orders.ProvideInformationAsync(a, id, "Antwort")),
        ("Orders.Complete", async (h, a, id) => await h.Orders.CompleteAsync(a, id)),
        ("Orders.Cancel", async (h, a, id) => await h.Orders.CancelAsync(a, id, "Grund")),
        ("Orders.OpenDispute", async (h, a, id) => await h.Orders.OpenDisputeAsync(a, id, "Grund")),
        ("Orders.ResolveDispute", async (h, a, id) => await h.Orders.ResolveDisputeAsync(a, id, DisputeResolution.Cancel, "Notiz")),
        ("Queries.GetOrderDescription", async (h, a, id) => await h.Queries.GetOrderDescriptionAsync(a, id)),
        ("Queries.GetOrder", async (h, a, id) => await h.Queries.GetOrderAsync(a, id)),
        ("Queries.GetOrder with purpose", async (h, a, id) => await h.Queries.GetOrderAsync(a, id, "Streitfall")),
        ("Queries.OpenFile", async (h, a, id) => await h.Queries.OpenFileAsync(a, id, Guid.CreateVersion7(), "Streitfall")),
        ("Queries.GetPermittedActions", async (h, a, id) => await h.Queries.GetPermittedActionsAsync(a, id)),
        ("Queries.ListOrders", async (h, a, _) => await h.Queries.ListOrdersAsync(a, new OrderListQuery { IncludeCounts = true })),
        ("Consents.RequestConsent", async (h, a, id) => await h.Consents.RequestConsentAsync(a, id, new RequestConsentCommand(DataSubjectKind.Customer))),
        ("Consents.RecordPaperConsent", async (h, a, id) =>
            await h.Consents.RecordPaperConsentAsync(a, id, new RecordPaperConsentCommand(DataSubjectKind.Customer, MessagingDriver.Pdf("scan.pdf", 10)))),
        ("Consents.RecordWithdrawal", async (h, a, id) => await h.Consents.RecordWithdrawalAsync(a, id, Guid.CreateVersion7(), ConsentChannel.Phone)),
        ("Consents.List", async (h, a, id) => await h.Consents.ListAsync(a, id)),
        ("Messages.Send", async (h, a, id) => await h.Messages().SendAsync(a, id, "Hallo")),
        ("Messages.MarkRead", async (h, a, id) => await h.Messages().MarkReadAsync(a, id)),
        ("MessageQueries.ListThread", async (h, a, id) => await h.MessageQueries().ListThreadAsync(a, id, new ThreadQuery { OperatorAccessPurpose = "Prüfung" })),
        ("MessageQueries.ListConsentRequests", async (h, a, id) => await h.MessageQueries().ListConsentRequestsAsync(a, id, "Prüfung")),
        ("MessageQueries.ListInbox", async (h, a, _) => await h.MessageQueries().ListInboxAsync(a, new InboxQuery())),
        ("MessageQueries.GetUnreadCounts", async (h, a, _) => await h.MessageQueries().GetUnreadCountsAsync(a)),
        ("Preferences.Get", async (h, a, _) => await Get<NotificationPreferences>(h).GetAsync(a)),
        ("Preferences.Set", async (h, a, _) => await Get<NotificationPreferences>(h).SetAsync(a, a.UserId, NotificationKind.OrderPlaced, NotificationDelivery.DailyDigest)),
        ("Administration.CreateService", async (h, a, _) => await Get<ServiceAdministration>(h).CreateServiceAsync(a, h.Network.CategoryId, new ServiceVersionInput { Title = "Neu" })),
        ("Administration.SaveVersion", async (h, a, _) => await Get<ServiceAdministration>(h).SaveVersionAsync(a, h.Network.ServiceId, new ServiceVersionInput { Title = "Neu" })),
        ("Administration.Submit", async (h, a, _) => await Get<ServiceAdministration>(h).SubmitAsync(a, Guid.CreateVersion7())),
        ("Administration.Approve", async (h, a, _) => await Get<ServiceAdministration>(h).ApproveAsync(a, Guid.CreateVersion7())),
        ("Administration.Reject", async (h, a, _) => await Get<ServiceAdministration>(h).RejectAsync(a, Guid.CreateVersion7(), "Grund")),
        ("Administration.ListServices", async (h, a, _) => await Get<ServiceAdministration>(h).ListServicesAsync(a)),
        ("Administration.GetService", async (h, a, _) => await Get<ServiceAdministration>(h).GetServiceAsync(a, h.Network.ServiceId)),
        ("Administration.GetVersion", async (h, a, _) => await Get<ServiceAdministration>(h).GetVersionAsync(a, Guid.CreateVersion7())),
        ("Catalog.List", async (h, a, _) => await Get<ServiceCatalog>(h).ListAsync(a)),
        ("Catalog.Get", async (h, a, _) => await Get<ServiceCatalog>(h).GetAsync(a, h.Network.ServiceId)),
        ("Catalog.ListCategories", async (h, a, _) => await Get<ServiceCatalog>(h).ListCategoriesAsync(a)),
        ("Outbox.ListDeadLetters", async (h, a, _) => await Get<OutboxAdministration>(h).ListDeadLettersAsync(a)),
        ("Outbox.Requeue", async (h, a, _) => await Get<OutboxAdministration>(h).RequeueAsync(a, Guid.CreateVersion7())),
    ];

    /// <summary>The use-case classes and the prefix their methods have in <see cref="UseCases"/>.</summary>
    private static readonly (Type Type, string Prefix)[] UseCaseClasses =
    [
        (typeof(ExpertOrderService), "Orders."), (typeof(ExpertOrderQueries), "Queries."), (typeof(ConsentService), "Consents."),
        (typeof(DigitalMessageService), "Messages."), (typeof(DigitalMessageQueries), "MessageQueries."),
        (typeof(NotificationPreferences), "Preferences."), (typeof(ServiceAdministration), "Administration."),
        (typeof(ServiceCatalog), "Catalog."), (typeof(OutboxAdministration), "Outbox."),
    ];

    [Fact]
    public void The_table_names_every_public_method_that_takes_an_actor()
    {
        // A new use case must join the table below, so the check cannot be forgotten in it.
        var named = UseCases.Select(u => u.Name.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        var methods = UseCaseClasses.SelectMany(c => c.Type.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => m.GetParameters().Any(p => p.ParameterType == typeof(Actor)))
            .Select(m => c.Prefix + m.Name.Replace("Async", string.Empty, StringComparison.Ordinal)))
            .Distinct().ToList();
        methods.Should().NotBeEmpty();
        methods.Where(m => !named.Contains(m)).Should().BeEmpty("every public use case taking an actor is checked in the table");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Every_use_case_answers_Forbidden_to_an_actor_that_does_not_check_out_and_writes_nothing(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");
        Actor[] impostors =
        [
            Actor.Broker(n.NetworkId, Guid.CreateVersion7(), Guid.CreateVersion7()),
            Actor.Expert(n.NetworkId, Guid.CreateVersion7(), Guid.CreateVersion7()),
            Actor.Operator(n.NetworkId, Guid.CreateVersion7(), Guid.CreateVersion7()),
            Actor.Broker(n.NetworkId, n.OtherBrokerPartyId, n.UserId), // a real user, not a member of that party
            Actor.Expert(n.NetworkId, n.OtherExpertPartyId, n.UserId),
            Actor.Operator(n.NetworkId, n.BrokerPartyId, n.UserId), // a broker party relabelled as operator
            Actor.Expert(n.NetworkId, n.BrokerPartyId, n.UserId), // a member, but the party is no expert party
        ];
        var before = await FootprintAsync(host);
        foreach (var impostor in impostors)
        {
            foreach (var (name, call) in UseCases)
            {
                var result = await call(host, impostor, id);
                result.Status.Should().Be(ResultStatus.Forbidden, "{0} as {1} of party {2}", name, impostor.PartyKind, impostor.PartyId);
                result.Refusal.Should().BeNull();
                result.FieldErrors.Should().BeEmpty();
            }
        }

        (await FootprintAsync(host)).Should().Be(before, "a Forbidden use case writes nothing");

        // The same use cases still answer the real members as before (here: the broker may read its order).
        OrderDriver.Ok(await host.Queries.GetOrderAsync(n.Broker, id), "GetOrder");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_made_up_operator_neither_reads_customer_data_nor_cancels(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");
        var madeUp = Actor.Operator(n.NetworkId, Guid.CreateVersion7(), Guid.CreateVersion7());
        var before = await host.FootprintAsync(id);

        (await host.Queries.GetOrderAsync(madeUp, id)).Status.Should().Be(ResultStatus.Forbidden);
        (await host.Queries.GetOrderAsync(madeUp, id, "Streitfall prüfen")).Status.Should().Be(ResultStatus.Forbidden, "a purpose does not make an operator");
        (await host.Orders.CancelAsync(madeUp, id, "Storno")).Status.Should().Be(ResultStatus.Forbidden);

        (await host.FootprintAsync(id)).Should().Be(before, "no history entry, no outbox row, no state change");
        (await host.Queries.GetOrderAsync(n.Operator, id)).Status.Should().Be(ResultStatus.Ok, "the network's real operator still reads the metadata");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_broker_party_relabelled_as_operator_lists_nothing(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var foreign = await host.OrderInAsync("Placed");
        await host.Orders.CreateDraftAsync(n.OtherBroker, new CreateDraftCommand(n.ServiceId, "K-1"));
        var relabelled = Actor.Operator(n.NetworkId, n.BrokerPartyId, n.UserId);

        var list = await host.Queries.ListOrdersAsync(relabelled, new OrderListQuery { PageSize = 100, IncludeCounts = true });
        list.Status.Should().Be(ResultStatus.Forbidden);
        (await host.Queries.GetOrderAsync(relabelled, foreign)).Status.Should().Be(ResultStatus.Forbidden);
        (await Get<OutboxAdministration>(host).ListDeadLettersAsync(relabelled)).Status.Should().Be(ResultStatus.Forbidden);

        // As what it is, the same user and party see only the broker's own orders.
        var own = await host.Queries.ListOrdersAsync(n.Broker, new OrderListQuery { PageSize = 100 });
        own.Value.Items.Should().OnlyContain(i => i.BrokerPartyId == n.BrokerPartyId);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_real_user_claiming_a_party_it_is_not_a_member_of_is_forbidden(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var draft = (await host.Orders.CreateDraftAsync(n.OtherBroker, new CreateDraftCommand(n.ServiceId, "K-1"))).Value.OrderId;
        var claim = Actor.Broker(n.NetworkId, n.OtherBrokerPartyId, n.UserId); // Anna acts for Müller, not for Schulz

        (await host.Queries.GetOrderAsync(claim, draft)).Status.Should().Be(ResultStatus.Forbidden);
        (await host.Orders.WithdrawAsync(claim, draft, "Weg")).Status.Should().Be(ResultStatus.Forbidden);
        (await host.Queries.GetOrderAsync(n.OtherBroker, draft)).Status.Should().Be(ResultStatus.Ok, "Schulz's own user still reads it");
        (await host.LoadOrderAsync(draft)).State.Should().Be(OrderState.Draft);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_party_of_another_network_is_forbidden(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("Placed");
        var otherNetwork = Guid.CreateVersion7();
        var otherParty = Guid.CreateVersion7();
        var otherUser = Guid.CreateVersion7();
        await using (var db = host.CreateDbContext())
        {
            db.Add(new ExpertNetwork(otherNetwork, "Anderes Netz"));
            db.Add(new Party(otherParty, otherNetwork, PartyKind.Broker, "Makler im anderen Netz") { Approval = ApprovalState.Approved });
            db.Add(new NetworkUser(otherUser, otherNetwork, "Olaf Anders", string.Empty));
            db.Add(new PartyMembership(otherNetwork, otherUser, otherParty));
            db.Add(new PartyMembership(n.NetworkId, otherUser, otherParty)); // a membership row in this network does not move the party
            await db.SaveChangesAsync();
        }

        var intruder = Actor.Broker(n.NetworkId, otherParty, otherUser);
        (await host.Queries.ListOrdersAsync(intruder, new OrderListQuery())).Status.Should().Be(ResultStatus.Forbidden);
        (await host.Queries.GetOrderAsync(intruder, id)).Status.Should().Be(ResultStatus.Forbidden);
        (await Get<ServiceCatalog>(host).ListAsync(intruder)).Status.Should().Be(ResultStatus.Forbidden);
        (await host.Queries.ListOrdersAsync(Actor.Broker(otherNetwork, otherParty, otherUser), new OrderListQuery()))
            .Status.Should().Be(ResultStatus.Ok, "in its own network the party acts");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task An_operator_party_that_is_not_the_networks_operator_is_forbidden(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");
        var secondOperator = Guid.CreateVersion7();
        await using (var db = host.CreateDbContext())
        {
            db.Add(new Party(secondOperator, n.NetworkId, PartyKind.Operator, "Zweite Organisation") { Approval = ApprovalState.Approved });
            db.Add(new PartyMembership(n.NetworkId, n.UserId, secondOperator));
            await db.SaveChangesAsync();
        }

        var pretender = Actor.Operator(n.NetworkId, secondOperator, n.UserId);
        (await host.Queries.ListOrdersAsync(pretender, new OrderListQuery())).Status.Should().Be(ResultStatus.Forbidden);
        (await host.Queries.GetOrderAsync(pretender, id, "Streitfall")).Status.Should().Be(ResultStatus.Forbidden);
        (await host.Orders.CancelAsync(pretender, id, "Storno")).Status.Should().Be(ResultStatus.Forbidden);
        (await Get<OutboxAdministration>(host).ListDeadLettersAsync(pretender)).Status.Should().Be(ResultStatus.Forbidden);
        (await Get<OutboxAdministration>(host).ListDeadLettersAsync(n.Operator)).Status.Should().Be(ResultStatus.Ok);
        (await host.LoadOrderAsync(id)).State.Should().Be(OrderState.InProgress);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Forbidden_is_the_same_for_an_existing_and_an_unknown_order(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");
        var unknown = Guid.CreateVersion7();
        foreach (var impostor in new[] { Actor.Operator(n.NetworkId, Guid.CreateVersion7(), Guid.CreateVersion7()), Actor.Broker(n.NetworkId, n.OtherBrokerPartyId, n.UserId) })
        {
            foreach (var (name, call) in UseCases)
            {
                var existing = await call(host, impostor, id);
                var missing = await call(host, impostor, unknown);
                existing.Status.Should().Be(ResultStatus.Forbidden, name);
                missing.ToString().Should().Be(existing.ToString(), "{0} must not tell an existing id from an unknown one", name);
            }
        }
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_membership_removed_through_the_module_stops_working_at_once(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        var query = new OrderListQuery();
        (await host.Queries.ListOrdersAsync(n.OtherBroker, query)).Status.Should().Be(ResultStatus.Ok, "the check is cached now");

        await using (var db = host.CreateDbContext())
        {
            db.Remove(await db.Set<PartyMembership>().SingleAsync(m => m.UserId == n.OtherBrokerUserId && m.PartyId == n.OtherBrokerPartyId));
            await db.SaveChangesAsync();
        }

        (await host.Queries.ListOrdersAsync(n.OtherBroker, query)).Status.Should().Be(ResultStatus.Forbidden, "the save cleared the cache");

        // A negative answer is not cached: the membership given back works at once.
        await using (var db = host.CreateDbContext())
        {
            db.Add(new PartyMembership(n.NetworkId, n.OtherBrokerUserId, n.OtherBrokerPartyId));
            await db.SaveChangesAsync();
        }

        (await host.Queries.ListOrdersAsync(n.OtherBroker, query)).Status.Should().Be(ResultStatus.Ok);

        // Removed in an explicit transaction: gone once committed.
        await using (var db = host.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Remove(await db.Set<PartyMembership>().SingleAsync(m => m.UserId == n.OtherBrokerUserId && m.PartyId == n.OtherBrokerPartyId));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        (await host.Queries.ListOrdersAsync(n.OtherBroker, query)).Status.Should().Be(ResultStatus.Forbidden);

        // A network whose operator party changes (a modified row, not an added or removed one) stops the old operator.
        (await host.Queries.ListOrdersAsync(n.Operator, query)).Status.Should().Be(ResultStatus.Ok);
        await using (var db = host.CreateDbContext())
        {
            (await db.Set<ExpertNetwork>().SingleAsync(x => x.Id == n.NetworkId)).OperatorPartyId = Guid.CreateVersion7();
            await db.SaveChangesAsync();
        }

        (await host.Queries.ListOrdersAsync(n.Operator, query)).Status.Should().Be(ResultStatus.Forbidden);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_membership_removed_outside_the_change_tracker_stops_working_when_the_cache_expires(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        var query = new OrderListQuery();
        (await host.Queries.ListOrdersAsync(n.Advisor, query)).Status.Should().Be(ResultStatus.Ok);
        await using (var db = host.CreateDbContext())
        {
            await db.Set<PartyMembership>().Where(m => m.UserId == n.AdvisorUserId && m.PartyId == n.AdvisorPartyId).ExecuteDeleteAsync();
        }

        (await host.Queries.ListOrdersAsync(n.Advisor, query)).Status.Should().Be(ResultStatus.Ok, "the positive answer is cached for a short while");
        host.Time.Advance(ActorVerifier.DefaultCacheLifetime + TimeSpan.FromSeconds(1));
        (await host.Queries.ListOrdersAsync(n.Advisor, query)).Status.Should().Be(ResultStatus.Forbidden);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_failed_check_logs_one_warning_without_personal_data(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        var log = new CapturingLogger();
        await using var host = await ModuleHost.StartAsync(kind, b => b.Services.AddSingleton<ILogger<ActorVerifier>>(log));
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");
        log.Entries.Should().BeEmpty("real members are not logged");

        var userId = Guid.CreateVersion7();
        var partyId = Guid.CreateVersion7();
        (await host.Queries.GetOrderAsync(Actor.Operator(n.NetworkId, partyId, userId), id)).Status.Should().Be(ResultStatus.Forbidden);
        (await host.Orders.CancelAsync(Actor.Broker(n.NetworkId, n.OtherBrokerPartyId, n.UserId), id, "Storno")).Status.Should().Be(ResultStatus.Forbidden);

        log.Entries.Should().HaveCount(2, "one warning per failed check");
        log.Entries.Should().OnlyContain(e => e.Level == LogLevel.Warning);
        var (_, operatorMessage, operatorValues) = log.Entries[0];
        operatorMessage.Should().Contain("Operator").And.Contain(n.NetworkId.ToString());
        var (_, brokerMessage, brokerValues) = log.Entries[1];
        brokerMessage.Should().Contain("Broker");
        foreach (var secret in new[] { userId, partyId, n.UserId, n.OtherBrokerPartyId, n.OperatorPartyId })
        {
            (operatorMessage + brokerMessage).Should().NotContain(secret.ToString()).And.NotContain(secret.ToString("N"));
        }

        operatorValues.Concat(brokerValues).Select(v => v.Key).Where(k => k != "{OriginalFormat}").Should().BeEquivalentTo(["PartyKind", "NetworkId", "PartyKind", "NetworkId"]);
        (operatorMessage + brokerMessage).Should().NotContain("Anna").And.NotContain("Schulz").And.NotContain("Makler");
    }

    private static T Get<T>(ModuleHost host)
        where T : notnull => host.Services.GetRequiredService<T>();

    private static async Task<string> FootprintAsync(ModuleHost host)
    {
        await using var db = host.CreateDbContext();
        var versions = await db.Set<ExpertOrder>().SumAsync(o => o.Version);
        return string.Join(
            " ",
            await db.Set<ExpertOrder>().CountAsync(),
            versions,
            await db.Set<OrderHistoryEntry>().CountAsync(),
            await db.Set<OutboxMessage>().CountAsync(),
            await db.Set<OrderDocumentation>().CountAsync(),
            await db.Set<StoredDocument>().CountAsync(),
            await db.Set<DigitalMessage>().CountAsync(),
            await db.Set<DigitalMessageReadMark>().CountAsync(),
            await db.Set<ConsentDeclaration>().CountAsync(),
            await db.Set<ExpertService>().CountAsync(),
            await db.Set<ExpertServiceVersion>().CountAsync(),
            await db.Set<NotificationPreference>().CountAsync());
    }

    private sealed class CapturingLogger : ILogger<ActorVerifier>
    {
        private readonly List<(LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Values)> _entries = [];

        public IReadOnlyList<(LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Values)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            lock (_entries)
            {
                _entries.Add((logLevel, formatter(state, exception), [.. values]));
            }
        }
    }
}
