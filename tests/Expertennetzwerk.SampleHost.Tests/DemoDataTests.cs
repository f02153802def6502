using Expertennetzwerk.Module.Forms;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.SampleHost.Demo;

namespace Expertennetzwerk.SampleHost.Tests;

/// <summary>The demo data is consistent before it ever reaches the workflow.</summary>
public sealed class DemoDataTests
{
    [Fact]
    public void The_demo_orders_cover_every_state()
    {
        DemoOrders.All.Select(o => o.Target).Distinct().Should().BeEquivalentTo(Enum.GetValues<OrderState>());
    }

    [Fact]
    public void Every_service_form_is_consistent()
    {
        foreach (var service in DemoCatalog.Services)
        {
            service.Form.Check().Should().BeEmpty("the form of {0} must be consistent", service.Title);
            var parsed = FormDefinition.TryParse(service.Form.ToJson(), out var errors);
            errors.Should().BeEmpty();
            parsed!.ToJson().Should().Be(service.Form.ToJson(), "the form of {0} must survive its JSON", service.Title);
        }
    }

    [Fact]
    public void Every_demo_order_has_valid_form_data_complete_unless_it_is_a_draft()
    {
        foreach (var order in DemoOrders.All)
        {
            var form = DemoCatalog.Services.Single(s => s.Id == order.ServiceId).Form;
            FormValidator.Validate(form, order.FormDataJson, requireComplete: order.Target != OrderState.Draft)
                .Should().BeEmpty("the form data of {0}'s order must be valid", order.CustomerRef);
        }
    }

    [Fact]
    public void Every_demo_order_has_its_own_customer_of_its_broker()
    {
        var customers = DemoCatalog.Customers().Select(c => (c.BrokerPartyId, c.CustomerRef)).ToHashSet();
        DemoOrders.All.Select(o => (o.Broker.PartyId, o.CustomerRef)).Should().OnlyHaveUniqueItems("the seeder recognises a demo order by its customer")
            .And.OnlyContain(key => customers.Contains(key));
    }

    [Fact]
    public void The_insurance_advisor_orders_no_service_with_a_revenue_share()
    {
        var revenueShare = DemoCatalog.Services.Where(s => s.RevenueShareCents > 0).Select(s => s.Id).ToHashSet();
        revenueShare.Should().NotBeEmpty();
        DemoOrders.All.Where(o => o.Broker.PartyId == DemoIds.AdvisorSchneider).Should().NotBeEmpty()
            .And.OnlyContain(o => !revenueShare.Contains(o.ServiceId), "§ 34d Abs. 2 GewO: no pay from third parties for a {0}", BrokerKind.InsuranceAdvisor);
    }
}
