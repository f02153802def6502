using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Network;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Tests.Support;

/// <summary>
/// A small network: an operator, an approved insurance broker, a second broker (foreign to the first's orders), an
/// approved insurance advisor, two experts, and published services (one with a revenue share, one with progress steps).
/// </summary>
public sealed class TestNetwork
{
    public Guid NetworkId { get; } = Guid.CreateVersion7();
    public Guid OperatorPartyId { get; } = Guid.CreateVersion7();
    public Guid BrokerPartyId { get; } = Guid.CreateVersion7();
    public Guid OtherBrokerPartyId { get; } = Guid.CreateVersion7();
    public Guid AdvisorPartyId { get; } = Guid.CreateVersion7();
    public Guid ExpertPartyId { get; } = Guid.CreateVersion7();
    public Guid OtherExpertPartyId { get; } = Guid.CreateVersion7();
    public Guid UserId { get; } = Guid.CreateVersion7();

    /// <summary>
    /// The only user of <see cref="OtherBrokerPartyId"/>. The users of the other broker, the advisor, the other expert and
    /// the operator have no mail address, so they get no mail: tests of mails add the recipients they need.
    /// </summary>
    public Guid OtherBrokerUserId { get; } = Guid.CreateVersion7();

    /// <summary>The only user of <see cref="AdvisorPartyId"/>.</summary>
    public Guid AdvisorUserId { get; } = Guid.CreateVersion7();

    /// <summary>The only user of <see cref="OtherExpertPartyId"/>.</summary>
    public Guid OtherExpertUserId { get; } = Guid.CreateVersion7();

    /// <summary>The only user of <see cref="OperatorPartyId"/>.</summary>
    public Guid OperatorUserId { get; } = Guid.CreateVersion7();

    /// <summary>A free service (no revenue share) with progress steps, offered by <see cref="ExpertPartyId"/>.</summary>
    public Guid ServiceId { get; } = Guid.CreateVersion7();

    /// <summary>A service paying the broker a revenue share (not orderable by advisors).</summary>
    public Guid RevenueShareServiceId { get; } = Guid.CreateVersion7();

    /// <summary>
    /// A PKV-like service that shares contact data under the broker contract and health data under explicit consent of
    /// the customer (Art. 9 GDPR): placing needs the customer's fresh consent.
    /// </summary>
    public Guid ConsentServiceId { get; } = Guid.CreateVersion7();

    /// <summary>A bAV-like service that needs the consent of the customer and of an employee.</summary>
    public Guid EmployeeConsentServiceId { get; } = Guid.CreateVersion7();

    /// <summary>The data categories of <see cref="ConsentServiceId"/>.</summary>
    public static DataSharing HealthSharing { get; } = new()
    {
        Categories =
        [
            new DataCategory
            {
                Key = "contact",
                Labels = new Dictionary<string, string> { ["de"] = "Kontaktdaten", ["en"] = "Contact details" },
                LegalBasis = LegalBasis.BrokerContract,
                CustomerFields = ["email", "phone"],
            },
            new DataCategory
            {
                Key = "health",
                Labels = new Dictionary<string, string> { ["de"] = "Gesundheitsangaben", ["en"] = "Health information" },
                LegalBasis = LegalBasis.ExplicitHealthConsent,
                CustomerFields = ["birthDate"],
            },
        ],
    };

    /// <summary>The data categories of <see cref="EmployeeConsentServiceId"/>.</summary>
    public static DataSharing EmployeeSharing { get; } = new()
    {
        Categories =
        [
            new DataCategory
            {
                Key = "payroll",
                Labels = new Dictionary<string, string> { ["de"] = "Gehaltsdaten", ["en"] = "Payroll data" },
                LegalBasis = LegalBasis.Consent,
                DataSubjects = [DataSubjectKind.Customer, DataSubjectKind.Employee],
                CustomerFields = ["email"],
            },
        ],
    };

    /// <summary>A service whose only version is not published.</summary>
    public Guid UnpublishedServiceId { get; } = Guid.CreateVersion7();

    public Guid CategoryId { get; private set; }

    public IReadOnlyList<string> ProgressSteps { get; } = ["Unterlagen angefordert", "Analyse läuft", "Ergebnis in Abstimmung"];

    /// <summary>The test services' order form: one optional amount, so drafts and placements need no particular data.</summary>
    public static string OrderForm { get; } = new Expertennetzwerk.Module.Forms.FormDefinition
    {
        Fields =
        [
            new Expertennetzwerk.Module.Forms.FormField
            {
                Key = "anlagebetrag",
                Labels = new Dictionary<string, string> { ["de"] = "Anlagebetrag", ["en"] = "Amount" },
                Type = Expertennetzwerk.Module.Forms.FormFieldType.Money,
                Min = 0,
            },
        ],
    }.ToJson();

    public Actor Broker => Actor.Broker(NetworkId, BrokerPartyId, UserId);
    public Actor OtherBroker => Actor.Broker(NetworkId, OtherBrokerPartyId, OtherBrokerUserId);
    public Actor Advisor => Actor.Broker(NetworkId, AdvisorPartyId, AdvisorUserId);
    public Actor Expert => Actor.Expert(NetworkId, ExpertPartyId, UserId);
    public Actor OtherExpert => Actor.Expert(NetworkId, OtherExpertPartyId, OtherExpertUserId);
    public Actor Operator => Actor.Operator(NetworkId, OperatorPartyId, OperatorUserId);
    public Actor System => Actor.System(NetworkId);

    public async Task SeedAsync(DbContext db, InMemoryCustomerDirectory customers, DateTimeOffset now)
    {
        db.Add(new ExpertNetwork(NetworkId, "Testnetz") { OperatorPartyId = OperatorPartyId });
        db.Add(new Party(OperatorPartyId, NetworkId, PartyKind.Operator, "Netzwerkorganisation GmbH") { Approval = ApprovalState.Approved });

        var broker = new Party(BrokerPartyId, NetworkId, PartyKind.Broker, "Makler Müller") { BrokerKind = BrokerKind.InsuranceBroker, Approval = ApprovalState.Approved };
        broker.AddRegistration(new PartyRegistration(Guid.CreateVersion7(), TradePermission.Insurance34d, "D-W-111-AAAA-11"));
        broker.AddRegistration(new PartyRegistration(Guid.CreateVersion7(), TradePermission.Investment34f, "D-F-111-AAAA-11"));
        db.Add(broker);
        var other = new Party(OtherBrokerPartyId, NetworkId, PartyKind.Broker, "Makler Schulz") { BrokerKind = BrokerKind.InsuranceBroker, Approval = ApprovalState.Approved };
        other.AddRegistration(new PartyRegistration(Guid.CreateVersion7(), TradePermission.Insurance34d, "D-W-222-BBBB-22"));
        db.Add(other);
        var advisor = new Party(AdvisorPartyId, NetworkId, PartyKind.Broker, "Beratung Weber") { BrokerKind = BrokerKind.InsuranceAdvisor, Approval = ApprovalState.Approved };
        advisor.AddRegistration(new PartyRegistration(Guid.CreateVersion7(), TradePermission.Insurance34d, "D-W-333-CCCC-33"));
        db.Add(advisor);
        db.Add(new Party(ExpertPartyId, NetworkId, PartyKind.Expert, "Expertin Fischer") { Approval = ApprovalState.Approved });
        db.Add(new Party(OtherExpertPartyId, NetworkId, PartyKind.Expert, "Experte Wagner") { Approval = ApprovalState.Approved });
        db.Add(new NetworkUser(UserId, NetworkId, "Anna Doppelrolle", "anna@example.test"));
        db.Add(new PartyMembership(NetworkId, UserId, BrokerPartyId));
        db.Add(new PartyMembership(NetworkId, UserId, ExpertPartyId));
        foreach (var (userId, partyId, name) in new[]
                 {
                     (OtherBrokerUserId, OtherBrokerPartyId, "Sven Schulz"),
                     (AdvisorUserId, AdvisorPartyId, "Wiebke Weber"),
                     (OtherExpertUserId, OtherExpertPartyId, "Walter Wagner"),
                     (OperatorUserId, OperatorPartyId, "Otto Operator"),
                 })
        {
            db.Add(new NetworkUser(userId, NetworkId, name, string.Empty));
            db.Add(new PartyMembership(NetworkId, userId, partyId));
        }

        var categories = StandardCategories.Create(NetworkId, Guid.CreateVersion7);
        db.AddRange(categories);
        CategoryId = categories.Single(c => c.Key == "investment").Id;

        AddService(db, ServiceId, "Weiteranlage – Interessen-Check", revenueShare: 0, publish: true, now);
        AddService(db, RevenueShareServiceId, "Kfz-Flottencheck", revenueShare: 5_000, publish: true, now);
        AddService(db, UnpublishedServiceId, "Noch in Prüfung", revenueShare: 0, publish: false, now);
        AddService(db, ConsentServiceId, "PKV-Tarifwechsel § 204 VVG", revenueShare: 0, publish: true, now, HealthSharing);
        AddService(db, EmployeeConsentServiceId, "bAV-Analyse", revenueShare: 0, publish: true, now, EmployeeSharing);
        await db.SaveChangesAsync();

        foreach (var brokerId in new[] { BrokerPartyId, OtherBrokerPartyId, AdvisorPartyId })
        {
            customers.Add(brokerId, "K-1", "Dr. Erika Mustermann", new Dictionary<string, string?>
            {
                ["email"] = "erika@example.test",
                ["phone"] = "+49 30 1234567",
                ["birthDate"] = "1961-04-12",
                ["street"] = "Hauptstraße 1", // not declared by any service: never copied
            });
            customers.Add(brokerId, "K-2", "Jürgen Öztürk");
        }
    }

    private void AddService(DbContext db, Guid serviceId, string title, long revenueShare, bool publish, DateTimeOffset now, DataSharing? sharing = null)
    {
        var service = new ExpertService(serviceId, NetworkId, ExpertPartyId, CategoryId, now);
        var version = new ExpertServiceVersion(Guid.CreateVersion7(), NetworkId, serviceId, 1, title, "Beschreibung: " + title, now)
        {
            RequiredPermission = TradePermission.Insurance34d,
            PriceCents = 9_900,
            RevenueShareCents = revenueShare,
            ProgressSteps = ProgressSteps,
            FormDefinitionJson = OrderForm,
            DataCategoriesJson = (sharing ?? DataSharing.None).ToJson(),
        };
        if (publish)
        {
            version.Publish(now);
        }

        // Even an unpublished service points at its version so drafts of it can exist in tests.
        service.PublishedVersionId = version.Id;
        db.Add(service);
        db.Add(version);
    }
}
