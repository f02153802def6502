using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.Catalog;

/// <summary>Saves of one service at the same time: each is Ok or Conflict, never an error, and the versions stay consistent.</summary>
public sealed class ServiceAdministrationConcurrencyTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Concurrent_saves_of_one_service_give_Ok_or_Conflict_and_leave_one_open_version_with_gapless_numbers(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, new ModuleHostOptions { SqliteFile = true });
        var n = host.Network;
        var admin = host.Services.GetRequiredService<ServiceAdministration>();
        var input = new ServiceVersionInput
        {
            Title = "Gleichzeitig bearbeitet",
            Description = "Mehrere Speichervorgänge auf einmal.",
            RequiredPermission = TradePermission.None,
        };
        var created = (await admin.CreateServiceAsync(n.Expert, n.CategoryId, input)).Value;

        for (var round = 0; round < 3; round++)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
                Task.Run(() => admin.SaveVersionAsync(n.Expert, created.ServiceId, input with { Title = $"Fassung {round}.{i}" }))));

            results.Should().OnlyContain(r => r.Status == ResultStatus.Ok || r.Status == ResultStatus.Conflict);
            results.Should().Contain(r => r.IsOk);
            var versions = (await admin.GetServiceAsync(n.Expert, created.ServiceId)).Value.Versions;
            versions.Select(v => v.VersionNumber).Should().BeEquivalentTo(Enumerable.Range(1, versions.Count), "numbers are unique and gapless");
            versions.Should().ContainSingle(v => v.Status == ServiceVersionStatus.Draft, "a newer save supersedes every earlier open version");
            versions[0].Status.Should().Be(ServiceVersionStatus.Draft, "the open version is the newest");
            results.Where(r => r.IsOk).Select(r => r.Value.VersionId).Should().BeSubsetOf(versions.Select(v => v.VersionId));
        }
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task An_approval_racing_a_new_save_never_leaves_the_published_version_superseded(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind, new ModuleHostOptions { SqliteFile = true });
        var n = host.Network;
        var admin = host.Services.GetRequiredService<ServiceAdministration>();
        var input = new ServiceVersionInput { Title = "Freigabe im Wettlauf", Description = "Freigabe und Bearbeitung zugleich.", RequiredPermission = TradePermission.None };
        var open = (await admin.CreateServiceAsync(n.Expert, n.CategoryId, input)).Value;
        var outcomes = new List<(ResultStatus Approve, ResultStatus Save)>();

        for (var round = 0; round < 8; round++)
        {
            (await admin.SubmitAsync(n.Expert, open.VersionId)).IsOk.Should().BeTrue();
            var approve = Task.Run(() => admin.ApproveAsync(n.Operator, open.VersionId));
            var save = Task.Run(() => admin.SaveVersionAsync(n.Expert, open.ServiceId, input with { Title = $"Fassung {round}" }));
            var (approved, saved) = (await approve, await save);
            outcomes.Add((approved.Status, saved.Status));
            saved.Status.Should().BeOneOf(ResultStatus.Ok, ResultStatus.Conflict);
            // The approval loses as Conflict, or — when the save committed first and superseded the version — is refused.
            approved.Status.Should().BeOneOf(ResultStatus.Ok, ResultStatus.Conflict, ResultStatus.Refused);

            var service = (await admin.GetServiceAsync(n.Expert, open.ServiceId)).Value;
            if (service.PublishedVersionId is { } published)
            {
                service.Versions.Single(v => v.VersionId == published).Status.Should().Be(ServiceVersionStatus.Published, "round {0}: {1}", round, outcomes[^1]);
            }

            service.Versions.Count(v => v.Status == ServiceVersionStatus.Published).Should().BeLessThanOrEqualTo(1);
            service.Versions.Count(v => v.Status is ServiceVersionStatus.Draft or ServiceVersionStatus.PendingApproval).Should().BeLessThanOrEqualTo(1);

            // Next round: an open draft to submit (the save's, or a fresh one when the save lost).
            open = saved.IsOk ? saved.Value : (await admin.SaveVersionAsync(n.Expert, open.ServiceId, input)).Value;
        }
    }
}
