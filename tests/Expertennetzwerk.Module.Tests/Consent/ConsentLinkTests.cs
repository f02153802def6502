using System.Security.Cryptography;
using System.Text;
using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Messaging;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.Module.Tests.Consent;

/// <summary>
/// Consent through a link (docs/design.md, "Consent and personal data"): the broker asks, the data subject opens the page (any number of times) and
/// decides once; Place needs a fresh consent; every invalid link gets the same neutral answer and changes nothing.
/// </summary>
public sealed class ConsentLinkTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Asked_opened_twice_agreed_once_then_placed(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        var orderId = await DraftAsync(host);

        (await host.Orders.PlaceAsync(n.Broker, orderId)).Refusal!.Code.Should().Be("order.consent_missing");

        var requested = (await host.Consents.RequestConsentAsync(n.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Customer, Email: "erika@example.test"))).Value;
        var token = TokenOf(requested.ConsentUrl);
        requested.ConsentUrl.AbsoluteUri.Should().StartWith("https://crm.example.org/expertennetzwerk/consent/");
        requested.ExpiresAt.Should().Be(host.Time.GetUtcNow() + TimeSpan.FromDays(14));

        // Mail scanners fetch links: opening never uses the link up.
        for (var i = 0; i < 3; i++)
        {
            var page = (await host.Consents.OpenAsync(token)).Value;
            page.Status.Should().Be(ConsentStatus.Requested);
            page.DataSubjectName.Should().Be("Dr. Erika Mustermann");
            page.Text.Should().Contain("Dr. Erika Mustermann").And.Contain("Makler Müller").And.Contain("Expertin Fischer").And.Contain(requested.WithdrawalUrl.AbsoluteUri);
            page.Html.Should().Contain("Gesundheitsangaben");
        }

        (await host.Orders.PlaceAsync(n.Broker, orderId)).Refusal!.Code.Should().Be("order.consent_missing", "a request is no consent");

        var decided = await host.Consents.DecideAsync(token, agree: true);
        decided.Value.Status.Should().Be(ConsentStatus.Given);

        (await host.Consents.DecideAsync(token, agree: false)).Refusal.Should().Be(ConsentRefusals.InvalidLink, "the decision is made once");
        (await host.Consents.OpenAsync(token)).Refusal.Should().Be(ConsentRefusals.InvalidLink, "a used link opens nothing");

        var history = await host.HistoryAsync(orderId);
        history.Select(h => h.Event).Should().ContainInOrder("Created", "RequestConsent", "ConsentGiven");
        history.Single(h => h.Event == "ConsentGiven").PartyKind.Should().Be(PartyKind.Customer);
        history.Should().NotContain(h => h.Text != null && h.Text.Contains("Mustermann"), "personal data never go into history texts");

        (await host.Orders.PlaceAsync(n.Broker, orderId)).IsOk.Should().BeTrue();
    }

    [Fact]
    public async Task The_evidence_is_the_text_the_data_their_hashes_the_template_and_the_requester()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite);
        var n = host.Network;
        var orderId = await DraftAsync(host, """{"anlagebetrag": 25000}""");
        var requested = (await host.Consents.RequestConsentAsync(n.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Customer, Email: "erika@example.test"))).Value;
        var token = TokenOf(requested.ConsentUrl);

        var consent = await ConsentAsync(host, requested.ConsentId);
        consent.TokenHash.Should().Be(Sha256(token)).And.NotContain(token);
        token.Should().HaveLength(43, "256 random bits in URL-safe Base64");
        consent.CanonicalData.Should().Be("""{"customer":{"birthDate":"1961-04-12","displayName":"Dr. Erika Mustermann","email":"erika@example.test","phone":"+49 30 1234567"},"form":{"anlagebetrag":25000}}""");
        consent.CanonicalData.Should().NotContain("Hauptstraße", "only the declared categories' fields are shared");
        consent.DataHash.Should().Be(Sha256(consent.CanonicalData));
        consent.ContentHash.Should().Be(Sha256(consent.Text + "\u001e" + consent.CanonicalData));
        consent.TemplateId.Should().Be("default:ConsentDeclaration:de:text");
        consent.TemplateVersion.Should().BePositive();
        consent.RequestedByUserId.Should().Be(n.UserId);
        consent.RequestedByPartyId.Should().Be(n.BrokerPartyId);
        consent.RequestedAt.Should().Be(host.Time.GetUtcNow());
        consent.Channel.Should().Be(ConsentChannel.Link);

        var listed = (await host.Consents.ListAsync(n.Broker, orderId)).Value.Single();
        listed.ContentHash.Should().Be(consent.ContentHash);
        listed.IsStale.Should().BeFalse();
        (await host.Consents.ListAsync(n.OtherBroker, orderId)).Status.Should().Be(ResultStatus.NotFound);

        var outbox = (await host.OutboxAsync(orderId)).Single(m => m.EventType == OutboxEventTypes.ConsentRequested);
        outbox.PayloadJson.Should().Contain(requested.ConsentUrl.AbsoluteUri, "the notification mails the link to the data subject");

        // The request is kept with the order as a digital message to the data subject, with the declaration's text.
        var kept = (await host.Services.GetRequiredService<DigitalMessageQueries>().ListConsentRequestsAsync(n.Broker, orderId)).Value.Single();
        (kept.Kind, kept.RecipientName, kept.RecipientAddress, kept.Text).Should().Be((DigitalMessageKind.ConsentRequest, "Dr. Erika Mustermann", "erika@example.test", consent.Text.Trim()));
        kept.Text.Should().NotContain(token, "the consent link itself is only in the mail");
    }

    [Fact]
    public async Task Health_data_carry_the_explicit_consent_and_the_release_from_secrecy_as_separate_statements()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite);
        var orderId = await DraftAsync(host);
        var requested = (await host.Consents.RequestConsentAsync(host.Network.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Customer))).Value;
        var text = (await host.Consents.OpenAsync(TokenOf(requested.ConsentUrl))).Value.Text;
        (await ConsentAsync(host, requested.ConsentId)).DataSubjectEmail.Should().Be("erika@example.test", "the customer's shared mail address is used when none is given");

        var art9 = text.IndexOf("Art. 9 Abs. 2 lit. a DSGVO)\n", StringComparison.Ordinal);
        var secrecy = text.IndexOf("Entbindung von der Schweigepflicht (§ 203 StGB)", StringComparison.Ordinal);
        art9.Should().BePositive();
        text.Should().Contain("- Kontaktdaten – Rechtsgrundlage: Erfüllung Ihres Maklervertrags (Art. 6 Abs. 1 lit. b DSGVO)",
            "the text names every category shared, with its basis, before saying nothing else is shared");
        secrecy.Should().BeGreaterThan(art9, "the release from secrecy is its own statement after the Art. 9 consent");

        var english = (await host.Consents.RequestConsentAsync(host.Network.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Customer, Culture: "en"))).Value;
        var englishText = (await host.Consents.OpenAsync(TokenOf(english.ConsentUrl))).Value.Text;
        englishText.Should().Contain("Art. 9(2)(a) GDPR").And.Contain("Section 203");
    }

    [Fact]
    public async Task Editing_covered_data_makes_the_consent_stale_and_a_new_consent_cures_it()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite);
        var n = host.Network;
        var orderId = await DraftAsync(host, """{"anlagebetrag": 25000}""");
        await AgreeAsync(host, orderId);

        (await host.Orders.SaveDraftAsync(n.Broker, orderId, """{"anlagebetrag": 30000}""")).IsOk.Should().BeTrue();

        var counts = await host.CountRowsAsync();
        (await host.Orders.PlaceAsync(n.Broker, orderId)).Refusal!.Code.Should().Be("order.consent_stale");
        (await host.CountRowsAsync()).Should().Be(counts, "a refused Place writes nothing");
        (await host.Consents.ListAsync(n.Broker, orderId)).Value.Single().IsStale.Should().BeTrue();

        await AgreeAsync(host, orderId);
        (await host.Orders.PlaceAsync(n.Broker, orderId)).IsOk.Should().BeTrue();
        var placed = await host.LoadOrderAsync(orderId);
        var fresh = (await host.Consents.ListAsync(n.Broker, orderId)).Value.Single(c => c is { Status: ConsentStatus.Given, IsStale: false });
        ConsentEvidence.DataHash(ConsentEvidence.CanonicalData(placed)).Should().Be(fresh.DataHash, "Place forwards exactly the data the consent covers");
    }

    [Fact]
    public async Task Unknown_expired_used_superseded_and_malformed_links_all_get_one_neutral_answer_and_change_nothing()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite, new ModuleHostOptions { Options = o => o.ConsentLinkLifetime = TimeSpan.FromDays(2) });
        var n = host.Network;
        var orderId = await DraftAsync(host);
        var used = TokenOf((await host.Consents.RequestConsentAsync(n.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Customer))).Value.ConsentUrl);
        (await host.Consents.DecideAsync(used, agree: false)).Value.Status.Should().Be(ConsentStatus.Declined);
        var superseded = TokenOf((await host.Consents.RequestConsentAsync(n.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Customer))).Value.ConsentUrl);
        var expiring = TokenOf((await host.Consents.RequestConsentAsync(n.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Customer))).Value.ConsentUrl);
        host.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromSeconds(1));
        var before = await host.FootprintAsync(orderId);

        string?[] tokens = [used, superseded, expiring, ConsentTokensLike(), "kurz", "", null, new string('A', 43) + "==", "../../etc/passwd", used.ToUpperInvariant()];
        foreach (var token in tokens)
        {
            foreach (var answer in new Result[]
                     {
                         await host.Consents.OpenAsync(token), await host.Consents.DecideAsync(token, agree: true),
                         await host.Consents.OpenWithdrawalAsync(token), await host.Consents.WithdrawAsync(token),
                     })
            {
                answer.Status.Should().Be(ResultStatus.Refused);
                answer.Refusal.Should().Be(ConsentRefusals.InvalidLink);
                answer.Refusal!.Text.German.Should().Be("Dieser Link ist ungültig oder abgelaufen.");
            }
        }

        (await host.FootprintAsync(orderId)).Should().Be(before);
        var statuses = (await host.Consents.ListAsync(n.Broker, orderId)).Value.Select(c => (c.Status, c.IsExpired)).ToList();
        statuses.Should().BeEquivalentTo([(ConsentStatus.Declined, false), (ConsentStatus.Superseded, false), (ConsentStatus.Requested, true)]);
    }

    [Fact]
    public async Task A_link_of_a_withdrawn_draft_opens_nothing()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite);
        var orderId = await DraftAsync(host);
        var token = TokenOf((await host.Consents.RequestConsentAsync(host.Network.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Customer))).Value.ConsentUrl);
        (await host.Orders.WithdrawAsync(host.Network.Broker, orderId, "Kunde möchte nicht mehr")).IsOk.Should().BeTrue();

        (await host.Consents.OpenAsync(token)).Refusal.Should().Be(ConsentRefusals.InvalidLink);
        (await host.Consents.DecideAsync(token, agree: true)).Refusal.Should().Be(ConsentRefusals.InvalidLink);
    }

    [Fact]
    public async Task Bad_requests_get_field_errors_and_write_nothing()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite);
        var n = host.Network;
        var orderId = await DraftAsync(host);
        var employeeOrder = await DraftAsync(host, serviceId: n.EmployeeConsentServiceId);
        var plainOrder = (await host.Orders.CreateDraftAsync(n.Broker, new CreateDraftCommand(n.ServiceId, "K-1"))).Value.OrderId;
        var counts = await host.CountRowsAsync();

        Fields(await host.Consents.RequestConsentAsync(n.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Spouse, "Hans Mustermann")))
            .Should().Equal("dataSubject:not_allowed");
        Fields(await host.Consents.RequestConsentAsync(n.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Customer, new string('x', 201), "keine-adresse", "fr")))
            .Should().BeEquivalentTo("name:too_long", "email:malformed", "culture:not_allowed");
        Fields(await host.Consents.RequestConsentAsync(n.Broker, employeeOrder, new RequestConsentCommand(DataSubjectKind.Employee)))
            .Should().Equal("name:required");
        (await host.Consents.RequestConsentAsync(n.Broker, plainOrder, new RequestConsentCommand(DataSubjectKind.Customer))).Refusal!.Code
            .Should().Be("order.consent_not_needed");
        (await host.Consents.RequestConsentAsync(n.OtherBroker, orderId, new RequestConsentCommand(DataSubjectKind.Customer))).Status
            .Should().Be(ResultStatus.NotFound);
        (await host.Consents.RequestConsentAsync(n.Operator, orderId, new RequestConsentCommand(DataSubjectKind.Customer))).Refusal!.Code
            .Should().Be("order.actor_not_permitted");

        (await host.CountRowsAsync()).Should().Be(counts);
        (await CountConsentsAsync(host)).Should().Be(0);
    }

    [Fact]
    public async Task Every_data_subject_that_must_consent_must_have_consented()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite);
        var n = host.Network;
        var orderId = await DraftAsync(host, serviceId: n.EmployeeConsentServiceId);
        await AgreeAsync(host, orderId);

        (await host.Orders.PlaceAsync(n.Broker, orderId)).Refusal!.Code.Should().Be("order.consent_missing", "the employee has not consented yet");
        var employee = (await host.Consents.RequestConsentAsync(n.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Employee, "Max Angestellter", "max@example.test"))).Value;
        var page = (await host.Consents.OpenAsync(TokenOf(employee.ConsentUrl))).Value;
        page.DataSubjectName.Should().Be("Max Angestellter");
        page.Text.Should().Contain("Gehaltsdaten").And.NotContain("Art. 9", "no health data here");
        var customerText = (await host.Consents.ListAsync(n.Broker, orderId)).Value.First(c => c.DataSubject == DataSubjectKind.Customer).Text;
        customerText.Should().Contain("Gehaltsdaten");
        (await host.Consents.DecideAsync(TokenOf(employee.ConsentUrl), agree: true)).IsOk.Should().BeTrue();

        (await host.Orders.PlaceAsync(n.Broker, orderId)).IsOk.Should().BeTrue();
    }

    [Fact]
    public async Task A_conflicting_expected_version_is_a_conflict()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite);
        var orderId = await DraftAsync(host);
        var version = (await host.LoadOrderAsync(orderId)).Version;
        (await host.Consents.RequestConsentAsync(host.Network.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Customer), version)).IsOk.Should().BeTrue();

        (await host.Consents.RequestConsentAsync(host.Network.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Customer), version)).Status
            .Should().Be(ResultStatus.Conflict);
    }

    internal static async Task<Guid> DraftAsync(ModuleHost host, string? formData = null, Guid? serviceId = null)
    {
        var created = await host.Orders.CreateDraftAsync(host.Network.Broker, new CreateDraftCommand(serviceId ?? host.Network.ConsentServiceId, "K-1", formData));
        return created.Value.OrderId;
    }

    internal static async Task AgreeAsync(ModuleHost host, Guid orderId)
    {
        var requested = (await host.Consents.RequestConsentAsync(host.Network.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Customer))).Value;
        (await host.Consents.DecideAsync(TokenOf(requested.ConsentUrl), agree: true)).IsOk.Should().BeTrue();
    }

    internal static string TokenOf(Uri link) => link.Segments[^1];

    internal static async Task<ConsentDeclaration> ConsentAsync(ModuleHost host, Guid consentId)
    {
        await using var db = host.CreateDbContext();
        return await db.Set<ConsentDeclaration>().AsNoTracking().SingleAsync(c => c.Id == consentId);
    }

    internal static async Task<int> CountConsentsAsync(ModuleHost host)
    {
        await using var db = host.CreateDbContext();
        return await db.Set<ConsentDeclaration>().CountAsync();
    }

    private static IEnumerable<string> Fields(Result result) => result.FieldErrors.Select(e => e.Field + ":" + e.Code);

    private static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>A well-formed token nobody issued.</summary>
    private static string ConsentTokensLike() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
