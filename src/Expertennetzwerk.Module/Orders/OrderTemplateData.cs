using System.Globalization;
using System.Text.Json;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Forms;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Templates;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Orders;

/// <summary>
/// What the order description and the consent declaration are rendered from: the order with its service version,
/// category, parties and the broker user who asked. One loader and one set of builders, so the broker's preview, the
/// expert's copy and the consent text all see the same data.
/// </summary>
internal sealed record OrderTemplateData(
    ExpertOrder Order,
    ExpertServiceVersion Version,
    ServiceCategory? Category,
    Party Broker,
    NetworkUser? BrokerContact,
    Party Expert,
    TimeZoneInfo Zone)
{
    /// <summary>The service's data categories.</summary>
    public DataSharing Sharing { get; } = DataSharing.TryParse(Version.DataCategoriesJson, out _) ?? DataSharing.None;

    /// <summary>The service's own templates.</summary>
    public ServiceTemplates Templates => ServiceTemplates.From(Version);

    public static async Task<OrderTemplateData> LoadAsync(DbContext db, ExpertOrder order, Guid? contactUserId, CancellationToken cancellationToken)
    {
        var version = await db.Set<ExpertServiceVersion>().AsNoTracking().SingleAsync(v => v.Id == order.ServiceVersionId, cancellationToken).ConfigureAwait(false);
        var category = await db.Set<ServiceCategory>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == order.CategoryId, cancellationToken).ConfigureAwait(false);
        var parties = await db.Set<Party>().AsNoTracking().Where(p => p.Id == order.BrokerPartyId || p.Id == order.ExpertPartyId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var userId = contactUserId ?? order.CreatedByUserId;
        var contact = await db.Set<NetworkUser>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && u.NetworkId == order.NetworkId, cancellationToken).ConfigureAwait(false);
        var zone = await NetworkTimeZone.OfAsync(db, order.NetworkId, cancellationToken).ConfigureAwait(false);
        return new OrderTemplateData(order, version, category, parties.Single(p => p.Id == order.BrokerPartyId), contact, parties.Single(p => p.Id == order.ExpertPartyId), zone);
    }

    /// <summary>The model of the order description in <paramref name="language"/>.</summary>
    public OrderDescriptionModel DescriptionModel(string language)
    {
        var form = FormDefinition.TryParse(Version.FormDefinitionJson, out _) ?? FormDefinition.Empty;
        return new OrderDescriptionModel(
            Order.Number,
            Version.Title,
            CategoryName(language),
            BrokerModel(),
            new PartyModel(Expert.Name, Address: Expert.Address),
            SharedCustomerData(language).Select(item => new LabeledValue(item.Label, item.Value)).ToList(),
            TemplateFormatter.FormFields(form, Order.FormDataJson, language),
            TemplateFormatter.DateTime(Order.CreatedAt, language, Zone),
            Order.PlacedAt is { } placed ? TemplateFormatter.DateTime(placed, language, Zone) : null);
    }

    /// <summary>The model of the consent declaration for one data subject.</summary>
    public ConsentDeclarationModel ConsentModel(string language, DataSubjectKind subject, string subjectName, string withdrawUrl, DateTimeOffset requestedAt, DateTimeOffset expiresAt)
    {
        // Every category of this person's data, with its legal basis: the text says what is shared and why, and that
        // nothing else is (the consent itself is needed for the categories whose basis is consent).
        var categories = Sharing.Categories.Where(c => c.DataSubjects.Contains(subject)).ToList();
        return new ConsentDeclarationModel(
            subjectName,
            BrokerModel(),
            new PartyModel(Expert.Name, Address: Expert.Address),
            Version.Title,
            Order.Number,
            Purpose(language),
            categories.Select(c => TemplateFormatter.Category(c, language)).ToList(),
            categories.Any(c => c.LegalBasis == LegalBasis.ExplicitHealthConsent),
            withdrawUrl,
            TemplateFormatter.Date(expiresAt, language, Zone),
            TemplateFormatter.DateTime(requestedAt, language, Zone));
    }

    /// <summary>
    /// The customer data the expert receives, by category: the customer's name (always, to identify the case), then
    /// each declared category's fields as copied into the order.
    /// </summary>
    public IReadOnlyList<SharedDataItem> SharedCustomerData(string language)
    {
        var snapshot = JsonSerializer.Deserialize<Dictionary<string, string?>>(Order.CustomerSnapshotJson) ?? [];
        var english = TemplateFormatter.Language(language) == TemplateFormatter.English;
        var items = new List<SharedDataItem>
        {
            new(english ? "Customer" : "Kunde", TemplateFormatter.LegalBasis(LegalBasis.BrokerContract, language),
                TemplateFormatter.CustomerFieldLabel("displayName", language), Order.CustomerDisplayName),
        };
        foreach (var category in Sharing.Categories)
        {
            foreach (var field in category.CustomerFields)
            {
                if (snapshot.TryGetValue(field, out var value) && !string.IsNullOrWhiteSpace(value))
                {
                    items.Add(new SharedDataItem(
                        TemplateFormatter.Label(category.Labels, language, category.Key),
                        TemplateFormatter.LegalBasis(category.LegalBasis, language),
                        TemplateFormatter.CustomerFieldLabel(field, language),
                        TemplateFormatter.CustomerFieldValue(field, value, language)));
                }
            }
        }

        return items;
    }

    private string CategoryName(string language) =>
        Category is null ? string.Empty : TemplateFormatter.Language(language) == TemplateFormatter.English ? Category.NameEnglish : Category.NameGerman;

    private PartyModel BrokerModel() => new(Broker.Name, BrokerContact?.DisplayName, BrokerContact?.Email, Address: Broker.Address);

    private string Purpose(string language) => TemplateFormatter.Language(language) == TemplateFormatter.English
        ? string.Create(CultureInfo.InvariantCulture, $"{Expert.Name} carries out the expert service “{Version.Title}” for you on behalf of {Broker.Name} (order {Order.Number})")
        : $"Durchführung der Experten-Dienstleistung „{Version.Title}“ für Sie durch {Expert.Name} im Auftrag von {Broker.Name} (Auftrag {Order.Number})";
}
