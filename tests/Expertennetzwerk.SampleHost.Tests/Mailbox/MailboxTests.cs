using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.SampleHost.Api;
using Expertennetzwerk.SampleHost.Crm;
using Expertennetzwerk.SampleHost.Demo;
using Expertennetzwerk.SampleHost.Mailbox;
using Expertennetzwerk.SampleHost.Tests.Api.Support;
using Expertennetzwerk.SampleHost.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Expertennetzwerk.SampleHost.Tests.Mailbox;

/// <summary>
/// The development mailbox kept in the sample's database (newest first by when the module planned the mail, readable
/// Message-IDs, a redelivery stored once) and "Demo zurücksetzen", on SQLite and PostgreSQL.
/// </summary>
public sealed partial class MailboxTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("0197aa00-0000-7000-8000-000000000001=3APlace=3A3@expertennetzwerk", "0197aa00-0000-7000-8000-000000000001:Place:3")]
    [InlineData("consent=3A=C3=A4=3A1@mail.crm.example.org", "consent:ä:1")]
    [InlineData("plain@expertennetzwerk", "plain")]
    [InlineData("no-at-sign=3A1", "no-at-sign:1")]
    [InlineData("broken=Z1=3@x", "broken=Z1=3")]
    public void A_message_id_reads_as_the_key_it_encodes(string messageId, string readable) =>
        StoredMailbox.ReadableMessageId(messageId).Should().Be(readable);

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task The_mailbox_keeps_each_mail_once_in_the_database_newest_first_by_when_it_was_planned(ApiDatabase database)
    {
        SkipUnlessAvailable(database);
        await using var host = await ApiHost.StartAsync(database);
        using var client = host.Client(ApiActor.Anonymous);
        var mails = await WaitForOpenConsentMailAsync(client);

        mails.Select(m => m.PlannedAt).Should().BeInDescendingOrder();
        mails.Select(m => m.MessageId).Should().OnlyHaveUniqueItems();
        mails.Should().OnlyContain(m => m.PlannedAt <= m.ReceivedAt && m.ReadableMessageId == StoredMailbox.ReadableMessageId(m.MessageId) && !m.ReadableMessageId.Contains('='));

        // The dispatcher delivers at least once: the same mail again is stored once (and still kept in memory).
        var again = new OutgoingMail(mails[0].MessageId, [new MailAddress("someone@example.de")], mails[0].Subject, mails[0].Text);
        await host.InScopeAsync(async services =>
        {
            await services.GetRequiredService<IMailSender>().SendAsync(again);
            return true;
        });
        var stored = await host.InScopeAsync(async services =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<SampleCrmDbContext>>().CreateDbContextAsync();
            return await db.Mailbox.CountAsync(m => m.MessageId == again.MessageId);
        });
        stored.Should().Be(1);
        host.Services.GetRequiredService<DevelopmentMailbox>().Find(again.MessageId).Should().HaveCountGreaterThanOrEqualTo(2);

        // The page: times in the network's zone, links clickable on this host, readable Message-IDs, all text encoded.
        var page = await client.GetStringAsync(new Uri("/mailbox", UriKind.Relative));
        page.Should().Contain("Europe/Berlin").And.MatchRegex("<a href=\"/expertennetzwerk/consent/[A-Za-z0-9_-]{43}\">http://127\\.0\\.0\\.1:5080/expertennetzwerk/consent/")
            .And.Contain(WebUtility.HtmlEncode(mails[0].ReadableMessageId));
    }

    [SkippableTheory]
    [InlineData(ApiDatabase.Sqlite)]
    [InlineData(ApiDatabase.PostgreSQL)]
    public async Task Demo_zuruecksetzen_recreates_the_demo_data_and_leaves_an_open_consent_request_in_the_mailbox(ApiDatabase database)
    {
        SkipUnlessAvailable(database);
        await using var host = await ApiHost.StartAsync(database);
        using var client = host.Client(ApiActor.Anonymous);
        var before = await WaitForOpenConsentMailAsync(client);
        await host.InScopeAsync(async services =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<SampleCrmDbContext>>().CreateDbContextAsync();
            db.Customers.Add(new Customer { NetworkId = DemoIds.Network, BrokerPartyId = DemoIds.BrokerMueller, CustomerRef = "K-77777", FirstName = "Vor", LastName = "Zurücksetzen" });
            await db.SaveChangesAsync();
            return true;
        });

        var html = await client.GetStringAsync(new Uri("/mailbox", UriKind.Relative));
        var token = AntiforgeryField().Match(html);
        token.Success.Should().BeTrue("the reset is a form with the antiforgery token");
        using (var forged = await client.PostAsync(new Uri("/mailbox?handler=Reset", UriKind.Relative), new FormUrlEncodedContent([])))
        {
            forged.StatusCode.Should().Be(HttpStatusCode.BadRequest, "no reset without the form's token");
        }

        using (var reset = await client.PostAsync(new Uri("/mailbox?handler=Reset", UriKind.Relative), new FormUrlEncodedContent(
                   [new KeyValuePair<string, string>(token.Groups["name"].Value, token.Groups["value"].Value)])))
        {
            reset.StatusCode.Should().Be(HttpStatusCode.Redirect);
            reset.Headers.Location!.OriginalString.Should().Be("/mailbox?zurueckgesetzt=true");
        }

        var (customers, orders) = await host.InScopeAsync(async services =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<SampleCrmDbContext>>().CreateDbContextAsync();
            return (await db.Customers.Select(c => c.CustomerRef).ToListAsync(), await db.Set<Module.Orders.ExpertOrder>().CountAsync());
        });
        customers.Should().BeEquivalentTo(DemoCatalog.Customers().Select(c => c.CustomerRef), "the demo's customers again, nothing added since");
        orders.Should().Be(DemoOrders.All.Count);

        // The new seeding's mails: an open consent request again.
        var after = await WaitForOpenConsentMailAsync(client);
        after.Should().Contain(m => m.Text.Contains("/expertennetzwerk/consent/", StringComparison.Ordinal) && !before.Select(b => b.MessageId).Contains(m.MessageId),
            "the request is the new seeding's");
        (await client.GetStringAsync(new Uri("/mailbox?zurueckgesetzt=true", UriKind.Relative))).Should().Contain("Die Demo wurde zurückgesetzt");
    }

    private static void SkipUnlessAvailable(ApiDatabase database)
    {
        if (database == ApiDatabase.PostgreSQL)
        {
            Postgres.SkipUnlessAvailable();
        }
    }

    /// <summary>Waits until the mailbox holds the demo's open consent request (a link that opens) and returns the mails.</summary>
    internal static async Task<IReadOnlyList<MailboxItem>> WaitForOpenConsentMailAsync(HttpClient client)
    {
        for (var i = 0; i < 240; i++)
        {
            var mails = (await client.GetFromJsonAsync<List<MailboxItem>>(new Uri("/api/mailbox", UriKind.Relative), Json))!;
            foreach (var path in mails.Select(m => ConsentLink().Match(m.Text)).Where(m => m.Success).Select(m => m.Groups["path"].Value))
            {
                using var probe = await client.GetAsync(new Uri(path, UriKind.Relative));
                if (probe.IsSuccessStatusCode)
                {
                    return mails;
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("No open consent request's mail arrived in the mailbox.");
    }

    [GeneratedRegex(@"https?://[^/\s""]+(?<path>/expertennetzwerk/consent/[A-Za-z0-9_-]{43})")]
    private static partial Regex ConsentLink();

    [GeneratedRegex("<input name=\"(?<name>__RequestVerificationToken)\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
