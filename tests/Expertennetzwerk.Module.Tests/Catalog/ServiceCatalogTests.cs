using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.Catalog;

public class ServiceCatalogTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_catalogue_lists_published_services_and_marks_revenue_shares_not_orderable_for_advisors(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        var catalog = host.Services.GetRequiredService<ServiceCatalog>();

        var forBroker = (await catalog.ListAsync(n.Broker)).Value;
        var forAdvisor = (await catalog.ListAsync(n.Advisor)).Value;

        forBroker.Select(e => e.ServiceId).Should().BeEquivalentTo([n.ServiceId, n.RevenueShareServiceId, n.ConsentServiceId, n.EmployeeConsentServiceId], "unpublished services are not in the catalogue");
        forBroker.Should().OnlyContain(e => e.IsOrderable);
        forAdvisor.Single(e => e.ServiceId == n.ServiceId).IsOrderable.Should().BeTrue();
        var share = forAdvisor.Single(e => e.ServiceId == n.RevenueShareServiceId);
        share.IsOrderable.Should().BeFalse();
        share.NotOrderableBecause!.Code.Should().Be("order.advisor_revenue_share");

        var forExpert = (await catalog.ListAsync(n.Expert)).Value;
        forExpert.Should().HaveCount(4).And.OnlyContain(e => !e.IsOrderable && e.NotOrderableBecause == null, "only brokers order");
        (await catalog.ListAsync(n.Broker.InNetwork(Guid.CreateVersion7()))).Status.Should().Be(ResultStatus.Forbidden, "the broker is no party of another network");
        (await catalog.ListAsync(n.Broker, categoryId: Guid.CreateVersion7())).Value.Should().BeEmpty();
        (await catalog.ListAsync(new Actor(Guid.CreateVersion7(), Guid.CreateVersion7(), PartyKind.Customer, n.NetworkId))).Status.Should().Be(ResultStatus.Refused);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_service_detail_has_the_published_version_its_form_and_its_expert_and_nothing_else_is_found(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        var catalog = host.Services.GetRequiredService<ServiceCatalog>();

        var detail = (await catalog.GetAsync(n.Broker, n.ServiceId)).Value;
        detail.Entry.ServiceId.Should().Be(n.ServiceId);
        detail.Entry.IsOrderable.Should().BeTrue();
        detail.Expert.PartyId.Should().Be(n.ExpertPartyId);
        detail.Expert.Name.Should().NotBeNullOrWhiteSpace();
        detail.VersionNumber.Should().BeGreaterThan(0);
        detail.FormDefinitionJson.Should().StartWith("{");
        detail.ProgressSteps.Should().NotBeEmpty();

        (await catalog.GetAsync(n.Advisor, n.RevenueShareServiceId)).Value.Entry.NotOrderableBecause!.Code.Should().Be("order.advisor_revenue_share");
        (await catalog.GetAsync(n.Broker, n.UnpublishedServiceId)).Status.Should().Be(ResultStatus.NotFound, "an unpublished service is not in the catalogue");
        (await catalog.GetAsync(n.Broker, Guid.CreateVersion7())).Status.Should().Be(ResultStatus.NotFound);
        (await catalog.GetAsync(n.Broker.InNetwork(Guid.CreateVersion7()), n.ServiceId)).Status.Should().Be(ResultStatus.Forbidden);
    }
}
