using System.Reflection;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Notifications;
using Expertennetzwerk.Module.Orders.Workflow;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.Workflow;

/// <summary>Refusal texts come from one replaceable service, not from a process-wide registry.</summary>
public sealed class RefusalDescriberTests
{
    private static readonly Refusal AcmeRefusal = new("acme.risk_class_missing", new LocalizedText("Risikoklasse fehlt.", "Risk class missing."));

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_hosts_describer_changes_the_text_of_a_refused_place(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, builder => builder.UseRefusalDescriber<CrmRefusalDescriber>());
        var id = await host.OrderInAsync("Draft");

        var refused = await host.Orders.PlaceAsync(host.Network.Operator, id);

        refused.Refusal.Should().Be(new Refusal("order.actor_not_permitted", CrmRefusalDescriber.ActorNotPermitted));
        host.Services.GetRequiredService<RefusalDescriber>().Find(OrderRefusals.InvalidState.Code).Should().Be(OrderRefusals.InvalidState, "codes the host does not change keep the module's text");
    }

    [Fact]
    public void An_extensions_refusal_is_found_by_its_code_and_a_host_may_change_it()
    {
        using var services = Services(builder => builder.AddRefusal(AcmeRefusal));
        var describer = services.GetRequiredService<RefusalDescriber>();

        describer.Find("acme.risk_class_missing").Should().Be(AcmeRefusal);
        describer.Codes.Should().Contain(["acme.risk_class_missing", "order.invalid_state", "consent.invalid_link", "message.thread_not_open", "catalog.version_not_draft", "notifications.only_own_preferences", "outbox.operator_only"]);
        describer.Find("acme.unknown").Should().BeNull();

        using var replaced = Services(builder => builder.AddRefusal(AcmeRefusal).UseRefusalDescriber<CrmRefusalDescriber>());
        var crm = replaced.GetRequiredService<RefusalDescriber>();
        crm.Should().BeOfType<CrmRefusalDescriber>();
        crm.Describe(AcmeRefusal).Text.English.Should().Be("Please enter the risk class (CRM).");
        crm.Describe(OrderRefusals.ConsentMissing).Should().Be(OrderRefusals.ConsentMissing);
    }

    [Fact]
    public void A_code_registered_twice_or_taken_from_the_module_fails_at_resolution()
    {
        using var twice = Services(builder => builder.AddRefusal(AcmeRefusal).AddRefusal(AcmeRefusal));
        twice.Invoking(s => s.GetRequiredService<RefusalDescriber>()).Should().Throw<ArgumentException>().WithMessage("*acme.risk_class_missing*");

        using var taken = Services(builder => builder.AddRefusal(new Refusal("order.invalid_state", new LocalizedText("x", "y"))));
        taken.Invoking(s => s.GetRequiredService<RefusalDescriber>()).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void No_refusal_class_holds_mutable_static_state()
    {
        Type[] classes = [typeof(OrderRefusals), typeof(ConsentRefusals), typeof(MessageRefusals), typeof(CatalogRefusals), typeof(NotificationRefusals), typeof(OutboxRefusals), typeof(RefusalDescriber)];

        foreach (var type in classes)
        {
            type.GetMethod("Add", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Should().BeNull($"{type.Name} registers nothing at run time");
            type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(f => !f.IsInitOnly && !f.IsLiteral).Should().BeEmpty($"{type.Name} has no writable static field");
            type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(Dictionary<,>)).Should().BeEmpty($"{type.Name} keeps no mutable table");
        }
    }

    private static ServiceProvider Services(Action<Module.Hosting.ExpertennetzwerkBuilder> configure)
    {
        var services = new ServiceCollection();
        configure(services.AddExpertennetzwerk());
        return services.BuildServiceProvider();
    }

    /// <summary>A host's own wording for one module refusal and one extension refusal.</summary>
    public sealed class CrmRefusalDescriber(IEnumerable<Refusal> registered) : RefusalDescriber(registered)
    {
        public static readonly LocalizedText ActorNotPermitted = new("Das darf in unserem CRM nur der Auftraggeber.", "Only the ordering broker may do that in our CRM.");

        public override LocalizedText? Text(string code) => code switch
        {
            "order.actor_not_permitted" => ActorNotPermitted,
            "acme.risk_class_missing" => new LocalizedText("Bitte die Risikoklasse angeben (CRM).", "Please enter the risk class (CRM)."),
            _ => base.Text(code),
        };
    }
}
