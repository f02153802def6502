using Expertennetzwerk.Module.Orders;

namespace Expertennetzwerk.Module.Tests.Hosting;

/// <summary>The core's public surface stays what a host calls or implements (PublicAPI.*.txt list every member).</summary>
public sealed class PublicApiTests
{
    private static readonly IReadOnlyList<Type> PublicTopLevelTypes =
        typeof(ExpertOrderService).Assembly.GetExportedTypes().Where(t => !t.IsNested).ToList();

    [Fact]
    public void The_core_has_at_most_160_public_top_level_types()
    {
        // Issue 9's limit. 150 after the clean-up of the core's surface; since then host events, diagnostics, health-check
        // options and the catalogue's detail and categories (each used by hosts or the web edge) added ten; the provider
        // extensions (wiring check, database preparation) are one class. A new public type must make room for itself.
        PublicTopLevelTypes.Count.Should().BeLessThanOrEqualTo(160,
            "a host needs about 160 types; these are public now:\n" + string.Join("\n", PublicTopLevelTypes.Select(t => t.FullName).Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData("Notifications.NotificationPlanner")]
    [InlineData("Notifications.DigestHandler")]
    [InlineData("Notifications.OutboxSecrets")]
    [InlineData("Outbox.OutboxSignal")]
    [InlineData("Outbox.OutboxPayloads")]
    [InlineData("Outbox.MessageIds")]
    [InlineData("Orders.OrderAccess")]
    [InlineData("Orders.OrderStates")]
    [InlineData("Orders.OrderNumberCounter")]
    [InlineData("Orders.Workflow.OrderWorkflow")]
    [InlineData("Consent.OrderConsents")]
    [InlineData("Consent.ConsentEvidence")]
    [InlineData("Messaging.DigitalMessageReadMark")]
    [InlineData("Messaging.DigitalMessageThreadCount")]
    [InlineData("Templates.TemplateRenderer")]
    [InlineData("Templates.TemplateResolver")]
    [InlineData("Templates.TemplateFormatter")]
    [InlineData("Templates.TemplateSamples")]
    [InlineData("Templates.DefaultTemplates")]
    [InlineData("Templates.OrderDescriptionModel")]
    public void What_a_host_never_uses_is_internal(string name)
    {
        var type = typeof(ExpertOrderService).Assembly.GetType("Expertennetzwerk.Module." + name);

        type.Should().NotBeNull("the type exists under this name");
        type!.IsPublic.Should().BeFalse();
    }
}
