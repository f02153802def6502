using System.Text.Json;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Forms;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Workflow;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.Workflow;

/// <summary>The maintainers' hook (docs/extending-the-workflow.md): an extra guard and an in-transaction action.</summary>
public sealed class WorkflowExtensionTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task An_extension_guard_refuses_with_its_own_code_and_hides_the_button(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await StartAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("Draft", serviceId: await AddServiceWithRiskClassAsync(host));
        var before = await host.FootprintAsync(id);

        var refused = await host.Orders.PlaceAsync(n.Broker, id);

        refused.Status.Should().Be(ResultStatus.Refused);
        refused.Refusal.Should().Be(RiskClassExtension.RiskClassMissing);
        host.Services.GetRequiredService<RefusalDescriber>().Find("test.risk_class_missing").Should().Be(RiskClassExtension.RiskClassMissing, "the code is registered with the refusal describer");
        refused.Refusal!.Text.German.Should().StartWith("Bitte geben Sie die Risikoklasse an");
        (await host.FootprintAsync(id)).Should().Be(before);
        (await AuditRowsAsync(host, id)).Should().BeEmpty("a refused command runs no action");
        (await host.Queries.GetPermittedActionsAsync(n.Broker, id)).Value.Should().Equal(OrderTrigger.SaveDraft, OrderTrigger.Withdraw);

        // The built-in guards still come first: an operator gets the workflow's own refusal.
        (await host.Orders.PlaceAsync(n.Operator, id)).Refusal!.Code.Should().Be("order.actor_not_permitted");

        OrderDriver.Ok(await host.Orders.SaveDraftAsync(n.Broker, id, """{"risikoklasse": 3}"""), "SaveDraft");
        (await host.Queries.GetPermittedActionsAsync(n.Broker, id)).Value.Should().Contain(OrderTrigger.Place);
        OrderDriver.Ok(await host.Orders.PlaceAsync(n.Broker, id), "Place with a risk class");
        (await host.LoadOrderAsync(id)).State.Should().Be(OrderState.Placed);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task An_in_transaction_action_commits_with_the_command_and_rolls_back_with_a_conflict(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await StartAsync(kind);
        var n = host.Network;
        var sabotage = host.Services.GetRequiredService<Sabotage>();
        var created = await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(await AddServiceWithRiskClassAsync(host), "K-1"));
        OrderDriver.Ok(created, "CreateDraft");
        var id = created.Value.OrderId;
        OrderDriver.Ok(await host.Orders.SaveDraftAsync(n.Broker, id, """{"risikoklasse": 2}"""), "SaveDraft");
        OrderDriver.Ok(await host.Orders.PlaceAsync(n.Broker, id), "Place");

        // Committed together with the command: the action's row carries the transition it saw.
        var audit = await AuditRowsAsync(host, id);
        audit.Select(m => m.IdempotencyKey).Should().Equal($"audit:{id:N}:SaveDraft:1", $"audit:{id:N}:Place:2");
        using (var payload = JsonDocument.Parse(audit[^1].PayloadJson))
        {
            payload.RootElement.GetProperty("from").GetString().Should().Be("Draft");
            payload.RootElement.GetProperty("to").GetString().Should().Be("Placed");
        }

        // A rival writer moves the order inside the command's transaction, after the action added its row: the
        // command loses (Conflict) and the action's row, its history and outbox rows all roll back.
        sabotage.Enabled = true;
        var rowsBefore = await host.CountRowsAsync();
        var before = await host.FootprintAsync(id);
        (await host.Orders.AcceptAsync(n.Expert, id)).Status.Should().Be(ResultStatus.Conflict);
        (await host.FootprintAsync(id)).Should().Be(before, "the rival's change rolled back with the command");
        (await host.CountRowsAsync()).Should().Be(rowsBefore);
        (await AuditRowsAsync(host, id)).Should().HaveCount(2, "the losing command's action row is gone");
        sabotage.Enabled = false;
        OrderDriver.Ok(await host.Orders.AcceptAsync(n.Expert, id), "Accept");

        // Files stored before the transaction are taken back when the command does not commit.
        sabotage.Enabled = true;
        rowsBefore = await host.CountRowsAsync();
        var upload = new DocumentUpload("Gutachten.pdf", "application/pdf", new byte[2048]);
        (await host.Orders.AddDocumentationAsync(n.Expert, id, "Gutachten", [upload, upload])).Status.Should().Be(ResultStatus.Conflict);
        (await host.CountRowsAsync()).Should().Be(rowsBefore, "no documentation, attachment or stored document survives a lost command");
        sabotage.Enabled = false;
        OrderDriver.Ok(await host.Orders.AddDocumentationAsync(n.Expert, id, "Gutachten", [upload]), "AddDocumentation");
        (await host.CountRowsAsync()).Documents.Should().Be(rowsBefore.Documents + 1);
        await host.AssertCountsMatchRowsAsync();
    }

    private static Task<ModuleHost> StartAsync(DatabaseKind kind) =>
        ModuleHost.StartAsync(kind, builder =>
        {
            builder.Services.AddSingleton<Sabotage>();
            builder.AddRefusal(RiskClassExtension.RiskClassMissing).AddWorkflowExtension<RiskClassExtension>();
        });

    /// <summary>A service whose order form has an optional risk class (1–7), which the extension demands before Place.</summary>
    private static Task<Guid> AddServiceWithRiskClassAsync(ModuleHost host) =>
        host.AddPublishedServiceAsync("Depotcheck", formDefinitionJson: new FormDefinition
        {
            Fields =
            [
                new FormField { Key = "risikoklasse", Labels = new Dictionary<string, string> { ["de"] = "Risikoklasse", ["en"] = "Risk class" }, Type = FormFieldType.Number, Min = 1, Max = 7 },
            ],
        }.ToJson());

    private static async Task<List<OutboxMessage>> AuditRowsAsync(ModuleHost host, Guid orderId) =>
        (await host.OutboxAsync(orderId)).Where(m => m.EventType == RiskClassExtension.AuditEvent).ToList();

    /// <summary>When enabled, the extension's action also plays a rival writer that bumps the order's token.</summary>
    public sealed class Sabotage
    {
        public volatile bool Enabled;
    }

    /// <summary>Place needs a risk class in the form data; every transition leaves an audit row (an outbox row).</summary>
    public sealed class RiskClassExtension(Sabotage sabotage) : IOrderWorkflowExtension
    {
        public const string AuditEvent = "test.audit";

        public static readonly Refusal RiskClassMissing = new("test.risk_class_missing", new LocalizedText(
            "Bitte geben Sie die Risikoklasse an, bevor Sie verbindlich bestellen.",
            "Please state the risk class before placing the order."));

        public ValueTask LoadAsync(OrderTrigger trigger, OrderGuardContext context, DbContext db, CancellationToken cancellationToken)
        {
            if (trigger == OrderTrigger.Place)
            {
                using var form = JsonDocument.Parse(context.Order.FormDataJson);
                context.Items["test.riskClass"] = form.RootElement.TryGetProperty("risikoklasse", out var value) ? value.ToString() : null;
            }

            return ValueTask.CompletedTask;
        }

        public Refusal? Check(OrderTrigger trigger, OrderGuardContext context) =>
            trigger == OrderTrigger.Place && (context.Items.TryGetValue("test.riskClass", out var riskClass) ? riskClass : null) is null ? RiskClassMissing : null;

        public async ValueTask OnTransitionedAsync(OrderTransition transition, DbContext db, CancellationToken cancellationToken)
        {
            var order = transition.Order;
            db.Add(new OutboxMessage(
                Guid.CreateVersion7(), order.NetworkId, order.Id, AuditEvent, "audit",
                JsonSerializer.Serialize(new { from = transition.From.ToString(), to = transition.To.ToString() }),
                $"audit:{order.Id:N}:{transition.Trigger}:{order.Version - 1}", transition.At));
            if (sabotage.Enabled)
            {
                await db.Set<ExpertOrder>().Where(o => o.Id == order.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.Version, o => o.Version + 100), cancellationToken);
            }
        }
    }
}
