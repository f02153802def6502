using Expertennetzwerk.Module.Tests.Support;

namespace Expertennetzwerk.Module.Tests.Orders;

/// <summary>An order carries the order form of its own service version to those who read its form data, so a UI can label and edit them.</summary>
public sealed class OrderFormDefinitionTests(SharedHosts hosts) : IClassFixture<SharedHosts>
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_order_carries_its_versions_form_exactly_to_the_readers_of_its_form_data(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress");

        var broker = (await host.Queries.GetOrderAsync(n.Broker, id)).Value;
        broker.FormDefinitionJson.Should().Be(TestNetwork.OrderForm);
        (await host.Queries.GetOrderAsync(n.Expert, id)).Value.FormDefinitionJson.Should().Be(TestNetwork.OrderForm);

        // The operator's look without a purpose has no form data, and so no form either; with a purpose, both.
        var look = (await host.Queries.GetOrderAsync(n.Operator, id)).Value;
        look.FormDataJson.Should().BeNull();
        look.FormDefinitionJson.Should().BeNull();
        (await host.Queries.GetOrderAsync(n.Operator, id, "Beschwerde prüfen")).Value.FormDefinitionJson.Should().Be(TestNetwork.OrderForm);
    }
}
