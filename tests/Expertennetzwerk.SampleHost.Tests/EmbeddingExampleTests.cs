using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Hosting;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MyCrm;

namespace Expertennetzwerk.SampleHost.Tests;

/// <summary>The README's embedding example compiles (it lives in the sample), matches the README and docs/embedding-snippet.md, and works.</summary>
public sealed class EmbeddingExampleTests
{
    [Fact]
    public void The_snippet_in_docs_is_the_compiled_example()
    {
        var source = RepositoryFiles.Read("samples", "Expertennetzwerk.SampleHost", "Embedding", "EmbeddingExample.cs").ReplaceLineEndings("\n");
        var block = source.Split("// <embedding-example>\n")[1].Split("// </embedding-example>")[0];

        var snippet = RepositoryFiles.Read("docs", "embedding-snippet.md").ReplaceLineEndings("\n");

        snippet.Should().Be("```csharp\n" + block + "```\n", "docs/embedding-snippet.md must hold the compiled example verbatim");

        var readme = RepositoryFiles.Read("README.md").ReplaceLineEndings("\n");
        readme.Should().Contain("```csharp\n" + block + "```\n", "the README's embedding example must be the compiled one");
    }

    [Fact]
    public async Task The_example_registers_the_module_and_runs_a_use_case()
    {
        var file = Path.Combine(Path.GetTempPath(), "enw-embedding-" + Guid.NewGuid().ToString("N") + ".db");
        var services = new ServiceCollection();
        CrmSetup.AddCrm(services, "Data Source=" + file);
        var provider = services.BuildServiceProvider();
        try
        {
            provider.ValidateExpertennetzwerk();

            var networkId = Guid.CreateVersion7();
            var brokerPartyId = Guid.CreateVersion7();
            var userId = Guid.CreateVersion7();
            var serviceId = Guid.CreateVersion7();
            await using (var db = await provider.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
            {
                await db.Database.EnsureExpertennetzwerkCreatedAsync();
                await SeedAsync(db, networkId, brokerPartyId, userId, serviceId);
            }

            await using var scope = provider.CreateAsyncScope();
            var result = await CrmSetup.OrderAsync(scope.ServiceProvider.GetRequiredService<ExpertOrderService>(), networkId, brokerPartyId, userId, serviceId);

            result.IsOk.Should().BeTrue(result.ToString());
            result.Value.State.Should().Be(OrderState.Draft);
        }
        finally
        {
            await provider.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }
    }

    private static async Task SeedAsync(DbContext db, Guid networkId, Guid brokerPartyId, Guid userId, Guid serviceId)
    {
        var now = DateTimeOffset.UtcNow;
        var operatorPartyId = Guid.CreateVersion7();
        var expertPartyId = Guid.CreateVersion7();
        db.Add(new ExpertNetwork(networkId, "Beispielnetz") { OperatorPartyId = operatorPartyId });
        db.Add(new Party(operatorPartyId, networkId, PartyKind.Operator, "Netzwerkorganisation") { Approval = ApprovalState.Approved });
        var broker = new Party(brokerPartyId, networkId, PartyKind.Broker, "Maklerbüro") { BrokerKind = BrokerKind.InsuranceBroker, Approval = ApprovalState.Approved };
        broker.AddRegistration(new PartyRegistration(Guid.CreateVersion7(), TradePermission.Insurance34d, "D-W-999-ZZZZ-99"));
        db.Add(broker);
        db.Add(new Party(expertPartyId, networkId, PartyKind.Expert, "Expertin") { Approval = ApprovalState.Approved });
        db.Add(new NetworkUser(userId, networkId, "Nutzerin", "nutzerin@example.test"));
        db.Add(new PartyMembership(networkId, userId, brokerPartyId));
        var categories = StandardCategories.Create(networkId, Guid.CreateVersion7);
        db.AddRange(categories);
        var service = new ExpertService(serviceId, networkId, expertPartyId, categories[0].Id, now);
        var version = new ExpertServiceVersion(Guid.CreateVersion7(), networkId, serviceId, 1, "Kfz-Check", "Prüfung des Kfz-Vertrags", now)
        {
            RequiredPermission = TradePermission.Insurance34d,
        };
        version.Publish(now);
        service.PublishedVersionId = version.Id;
        db.Add(service);
        db.Add(version);
        await db.SaveChangesAsync();
    }
}
