using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Network;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.Module.Tests.Forms;

/// <summary>The order form through the commands: drafts may be incomplete, placing needs a complete, valid form.</summary>
public class OrderFormTests
{
    private const string CompleteForm = """{"betrag": 2500000, "horizont": 12, "risikoklasse": "5", "bestaetigt": true}""";

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_draft_saves_incomplete_data_but_refuses_values_that_do_not_fit(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var serviceId = await AddServiceWithFormAsync(host);
        var id = (await host.Orders.CreateDraftAsync(host.Network.Broker, new CreateDraftCommand(serviceId, "K-1", """{"horizont": 5}"""))).Value.OrderId;

        var bad = await host.Orders.SaveDraftAsync(host.Network.Broker, id, """{"horizont": 99, "iban": "DE00 1234"}""");

        bad.Status.Should().Be(ResultStatus.ValidationFailed);
        bad.FieldErrors.Select(e => e.Field).Should().BeEquivalentTo("formData.horizont", "formData.iban");
        (await FormDataAsync(host, id)).Should().Be("""{"horizont":5}""");
        (await host.Orders.SaveDraftAsync(host.Network.Broker, id, """{"horizont": 7}""")).Status.Should().Be(ResultStatus.Ok);
        (await FormDataAsync(host, id)).Should().Be("""{"horizont":7}""");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Placing_needs_every_required_field_and_reports_all_missing_at_once(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var serviceId = await AddServiceWithFormAsync(host);
        var id = (await host.Orders.CreateDraftAsync(host.Network.Broker, new CreateDraftCommand(serviceId, "K-1", """{"horizont": 5}"""))).Value.OrderId;

        var refused = await host.Orders.PlaceAsync(host.Network.Broker, id);

        refused.Status.Should().Be(ResultStatus.ValidationFailed);
        refused.FieldErrors.Select(e => (e.Field, e.Code)).Should().BeEquivalentTo(new[]
        {
            ("formData.betrag", "required"), ("formData.risikoklasse", "required"), ("formData.bestaetigt", "required"),
        });
        (await host.Queries.GetOrderAsync(host.Network.Broker, id)).Value.State.Should().Be(OrderState.Draft);

        (await host.Orders.SaveDraftAsync(host.Network.Broker, id, CompleteForm)).Status.Should().Be(ResultStatus.Ok);
        (await host.Orders.PlaceAsync(host.Network.Broker, id)).Status.Should().Be(ResultStatus.Ok);

        // Frozen: a placed order's form can no longer be saved.
        (await host.Orders.SaveDraftAsync(host.Network.Broker, id, """{"horizont": 1}""")).Refusal!.Code.Should().Be("order.invalid_state");
    }

    [Fact]
    public async Task Initial_form_data_of_a_new_draft_are_checked_too()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite);
        var serviceId = await AddServiceWithFormAsync(host);

        var result = await host.Orders.CreateDraftAsync(host.Network.Broker, new CreateDraftCommand(serviceId, "K-1", """{"risikoklasse": "9"}"""));

        result.Status.Should().Be(ResultStatus.ValidationFailed);
        result.FieldErrors.Should().ContainSingle(e => e.Field == "formData.risikoklasse" && e.Code == "invalid_choice");
        await using var db = host.CreateDbContext();
        (await db.Set<ExpertOrder>().CountAsync(o => o.ServiceId == serviceId)).Should().Be(0);
    }

    private static async Task<Guid> AddServiceWithFormAsync(ModuleHost host)
    {
        var n = host.Network;
        var now = host.Time.GetUtcNow();
        var serviceId = Guid.CreateVersion7();
        var version = new ExpertServiceVersion(Guid.CreateVersion7(), n.NetworkId, serviceId, 1, "Weiteranlage – Interessen-Check", "Formular-Test", now)
        {
            RequiredPermission = TradePermission.Insurance34d,
            FormDefinitionJson = FormSamples.InterestCheck.ToJson(),
        };
        version.Publish(now);
        await using var db = host.CreateDbContext();
        db.Add(new ExpertService(serviceId, n.NetworkId, n.ExpertPartyId, n.CategoryId, now) { PublishedVersionId = version.Id });
        db.Add(version);
        await db.SaveChangesAsync();
        return serviceId;
    }

    private static async Task<string> FormDataAsync(ModuleHost host, Guid orderId)
    {
        await using var db = host.CreateDbContext();
        return await db.Set<ExpertOrder>().Where(o => o.Id == orderId).Select(o => o.FormDataJson).SingleAsync();
    }
}
