using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Tests.Support;
using static Expertennetzwerk.Module.Tests.Consent.ConsentLinkTests;

namespace Expertennetzwerk.Module.Tests.Consent;

/// <summary>"Auftragsbeschreibung anzeigen": the broker sees exactly what the expert receives, and the shared data.</summary>
public sealed class OrderDescriptionPreviewTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_brokers_preview_is_the_experts_copy(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        var orderId = await DraftAsync(host, """{"anlagebetrag": 123456}""");

        var draftPreview = (await host.Queries.GetOrderDescriptionAsync(n.Broker, orderId)).Value;
        draftPreview.Text.Text.Should().Contain("Dr. Erika Mustermann").And.Contain("1.234,56 €").And.Contain("PKV-Tarifwechsel");
        draftPreview.Text.TemplateId.Should().Be("default:OrderDescription:de:text");
        draftPreview.SharedData.Select(d => (d.Category, d.Label, d.Value)).Should().Equal(
            ("Kunde", "Name", "Dr. Erika Mustermann"),
            ("Kontaktdaten", "E-Mail", "erika@example.test"),
            ("Kontaktdaten", "Telefon", "+49 30 1234567"),
            ("Gesundheitsangaben", "Geburtsdatum", "12.04.1961"));
        draftPreview.SharedData.Should().NotContain(d => d.Value.Contains("Hauptstraße"), "undeclared fields are never shared");
        (await host.Queries.GetOrderDescriptionAsync(n.Expert, orderId)).Status.Should().Be(ResultStatus.NotFound, "the expert never sees a draft");

        await AgreeAsync(host, orderId);
        (await host.Orders.PlaceAsync(n.Broker, orderId)).IsOk.Should().BeTrue();
        var brokers = (await host.Queries.GetOrderDescriptionAsync(n.Broker, orderId)).Value;
        var experts = (await host.Queries.GetOrderDescriptionAsync(n.Expert, orderId)).Value;

        experts.Should().BeEquivalentTo(brokers, "the broker previews exactly what the expert receives");
        experts.Html.Text.Should().Contain("1.234,56 €");
        (await host.Queries.GetOrderDescriptionAsync(n.OtherExpert, orderId)).Status.Should().Be(ResultStatus.NotFound);
        (await host.Queries.GetOrderDescriptionAsync(n.Operator, orderId)).Refusal!.Code.Should().Be("order.actor_not_permitted");
        (await host.Queries.GetOrderDescriptionAsync(n.Broker, orderId, "en")).Value.SharedData[1].Category.Should().Be("Contact details");
    }

    [Fact]
    public async Task Script_in_a_customer_name_and_a_form_value_is_encoded_in_the_preview_and_on_the_consent_page()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite);
        var n = host.Network;
        const string payload = "<script>alert('x')</script>";
        host.Customers.Add(n.BrokerPartyId, "K-XSS", "Eva " + payload, new Dictionary<string, string?> { ["email"] = "eva@example.test" });
        var orderId = (await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(n.ConsentServiceId, "K-XSS"))).Value.OrderId;

        var preview = (await host.Queries.GetOrderDescriptionAsync(n.Broker, orderId)).Value;
        var requested = (await host.Consents.RequestConsentAsync(n.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Customer))).Value;
        var page = (await host.Consents.OpenAsync(TokenOf(requested.ConsentUrl))).Value;

        foreach (var html in new[] { preview.Html.Text, page.Html })
        {
            html.Should().NotContain("<script>").And.Contain("&lt;script&gt;");
        }
    }
}
