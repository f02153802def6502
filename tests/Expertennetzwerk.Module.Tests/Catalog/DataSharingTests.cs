using System.Text.Json;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Tests.Support;

namespace Expertennetzwerk.Module.Tests.Catalog;

public class DataSharingTests
{
    private static readonly DataSharing Pkv = new()
    {
        Categories =
        [
            new DataCategory
            {
                Key = "contact", Labels = new Dictionary<string, string> { ["de"] = "Kontaktdaten" }, LegalBasis = LegalBasis.BrokerContract,
                CustomerFields = ["email", "street"],
            },
            new DataCategory
            {
                Key = "health", Labels = new Dictionary<string, string> { ["de"] = "Gesundheitsangaben" }, LegalBasis = LegalBasis.ExplicitHealthConsent,
                DataSubjects = [DataSubjectKind.Customer, DataSubjectKind.InsuredPerson], CustomerFields = ["birthDate"],
            },
        ],
    };

    [Fact]
    public void Categories_round_trip_and_say_who_must_consent()
    {
        var parsed = DataSharing.TryParse(Pkv.ToJson(), out var errors);

        errors.Should().BeEmpty();
        parsed!.Check().Should().BeEmpty();
        parsed.NeedsConsent.Should().BeTrue();
        parsed.SharesHealthData.Should().BeTrue();
        parsed.SubjectsNeedingConsent.Should().BeEquivalentTo([DataSubjectKind.Customer, DataSubjectKind.InsuredPerson]);
        parsed.CustomerFields.Should().BeEquivalentTo("email", "street", "birthDate");
        Pkv.ToJson().Should().Contain("\"legalBasis\":\"explicitHealthConsent\"");
    }

    [Fact]
    public void Inconsistent_categories_are_reported()
    {
        var bad = new DataSharing
        {
            Categories =
            [
                new DataCategory { Key = "a", Labels = new Dictionary<string, string> { ["en"] = "A" }, LegalBasis = LegalBasis.Consent },
                new DataCategory { Key = "a", Labels = new Dictionary<string, string> { ["de"] = "A" }, LegalBasis = LegalBasis.Consent, DataSubjects = [] },
            ],
        };

        bad.Check().Select(e => (e.Field, e.Code)).Should().BeEquivalentTo(new[]
        {
            ("dataCategories[0].labels", "label_missing"),
            ("dataCategories[1].key", "duplicate_or_empty_key"),
            ("dataCategories[1].dataSubjects", "data_subjects_missing"),
        });
        DataSharing.TryParse("{not json", out var errors).Should().BeNull();
        errors.Should().ContainSingle(e => e.Field == "dataCategories");
    }

    [Fact]
    public async Task A_draft_copies_only_the_customer_fields_its_service_declares()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite);
        var n = host.Network;
        host.Customers.Add(n.BrokerPartyId, "K-PKV", "Dr. Erika Mustermann", new Dictionary<string, string?>
        {
            ["email"] = "erika@example.de", ["street"] = "Straßburger Ring 3", ["birthDate"] = "1970-05-17",
            ["iban"] = "DE89370400440532013000", ["notes"] = "nicht für den Experten",
        });
        var now = host.Time.GetUtcNow();
        var serviceId = Guid.CreateVersion7();
        var version = new ExpertServiceVersion(Guid.CreateVersion7(), n.NetworkId, serviceId, 1, "PKV-Tarifwechsel", "Test", now)
        {
            RequiredPermission = TradePermission.Insurance34d,
            DataCategoriesJson = Pkv.ToJson(),
        };
        version.Publish(now);
        await using (var db = host.CreateDbContext())
        {
            db.Add(new ExpertService(serviceId, n.NetworkId, n.ExpertPartyId, n.CategoryId, now) { PublishedVersionId = version.Id });
            db.Add(version);
            await db.SaveChangesAsync();
        }

        var id = (await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(serviceId, "K-PKV"))).Value.OrderId;

        var detail = (await host.Queries.GetOrderAsync(n.Broker, id)).Value;
        JsonSerializer.Deserialize<Dictionary<string, string>>(detail.CustomerSnapshotJson!).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["displayName"] = "Dr. Erika Mustermann", ["email"] = "erika@example.de", ["street"] = "Straßburger Ring 3", ["birthDate"] = "1970-05-17",
        });
    }
}
