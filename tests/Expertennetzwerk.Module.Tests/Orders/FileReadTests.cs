using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Messaging.Queries;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Orders.Queries;
using Expertennetzwerk.Module.Orders.Workflow;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Messaging;
using Expertennetzwerk.Module.Tests.Support;

namespace Expertennetzwerk.Module.Tests.Orders;

/// <summary>
/// One access-checked read for the three kinds of file of an order: each opens exactly for those who see what the file
/// belongs to (documentation, thread, consent evidence); everything else answers NotFound.
/// </summary>
public sealed class FileReadTests(SharedHosts hosts) : IClassFixture<SharedHosts>
{
    private static readonly byte[] Report = "%PDF-1.4 Gutachten zu Frau M."u8.ToArray();
    private static readonly byte[] Policy = "%PDF-1.4 Police 4711"u8.ToArray();

    private sealed record Files(Guid OrderId, Guid Documentation, Guid DocumentationStoreId, Guid Message, Guid Scan)
    {
        public IEnumerable<Guid> All => [Documentation, Message, Scan];
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_broker_opens_every_kind_of_file_with_name_type_length_and_content(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var f = await OrderWithFilesAsync(host);
        var broker = host.Network.Broker;

        await using (var report = await OpenOkAsync(host, broker, f.OrderId, f.Documentation))
        {
            report.Should().BeEquivalentTo(new { Id = f.Documentation, Kind = OrderFileKind.Documentation, FileName = "Gutachten.pdf", ContentType = "application/pdf", Length = (long)Report.Length });
            ReadAll(report).Should().Equal(Report);
        }

        await using (var policy = await OpenOkAsync(host, broker, f.OrderId, f.Message))
        {
            policy.Should().BeEquivalentTo(new { Id = f.Message, Kind = OrderFileKind.MessageAttachment, FileName = "Police.pdf", ContentType = "application/pdf", Length = (long)Policy.Length });
            ReadAll(policy).Should().Equal(Policy);
        }

        await using var scan = await OpenOkAsync(host, broker, f.OrderId, f.Scan);
        var expected = OrderDriver.Scan();
        scan.Should().BeEquivalentTo(new { Id = f.Scan, Kind = OrderFileKind.ConsentScan, expected.FileName, expected.ContentType, Length = (long)expected.Content.Length });
        ReadAll(scan).Should().Equal(expected.Content.ToArray());
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_expert_opens_documentation_and_message_files_but_never_a_consent_scan(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var f = await OrderWithFilesAsync(host);
        var expert = host.Network.Expert;

        await using (var report = await OpenOkAsync(host, expert, f.OrderId, f.Documentation))
        {
            ReadAll(report).Should().Equal(Report);
        }

        await using (var policy = await OpenOkAsync(host, expert, f.OrderId, f.Message))
        {
            ReadAll(policy).Should().Equal(Policy);
        }

        (await host.Queries.OpenFileAsync(expert, f.OrderId, f.Scan)).Status.Should().Be(ResultStatus.NotFound, "consent evidence is the broker's");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task The_operator_opens_files_only_with_a_purpose_and_each_opening_is_historised(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var op = n.Operator;
        var f = await OrderWithFilesAsync(host);
        var before = await host.HistoryAsync(f.OrderId);

        foreach (var file in f.All.Append(Guid.CreateVersion7()))
        {
            foreach (var purpose in new[] { null, "", "   " })
            {
                var refused = await host.Queries.OpenFileAsync(op, f.OrderId, file, purpose);
                refused.Status.Should().Be(ResultStatus.Refused);
                refused.Refusal.Should().Be(OrderRefusals.PurposeRequired, "asked before any lookup, so an unknown id answers the same");
            }
        }

        (await host.HistoryAsync(f.OrderId)).Should().HaveCount(before.Count, "nothing was opened");

        foreach (var file in f.All)
        {
            host.Time.Advance(TimeSpan.FromMinutes(1));
            await using var opened = await OpenOkAsync(host, op, f.OrderId, file, " Streitfall prüfen ");
            ReadAll(opened).Should().NotBeEmpty();
            (await host.HistoryAsync(f.OrderId))[^1].Should().BeEquivalentTo(new
            {
                Event = ExpertOrderQueries.OperatorFileAccessEvent,
                Text = "Streitfall prüfen",
                UserId = op.UserId,
                PartyId = n.OperatorPartyId,
                PartyKind = PartyKind.Operator,
                At = host.Time.GetUtcNow(),
            });
        }

        (await host.HistoryAsync(f.OrderId)).Should().HaveCount(before.Count + 3, "one entry per opening");
        (await host.Queries.OpenFileAsync(op, f.OrderId, Guid.CreateVersion7(), "Streitfall prüfen")).Status.Should().Be(ResultStatus.NotFound);
        (await host.HistoryAsync(f.OrderId)).Should().HaveCount(before.Count + 3, "an unknown file opens nothing and records nothing");
        var tooLong = await host.Queries.OpenFileAsync(op, f.OrderId, f.Documentation, new string('x', ExpertOrderQueries.MaxPurposeLength + 1));
        tooLong.Status.Should().Be(ResultStatus.ValidationFailed);
        tooLong.FieldErrors.Should().ContainSingle().Which.Field.Should().Be("purpose");
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Strangers_foreign_unknown_and_store_ids_all_answer_NotFound(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var f = await OrderWithFilesAsync(host);
        var other = await OrderWithFilesAsync(host);
        var otherNetwork = Guid.CreateVersion7();
        Actor[] strangers =
        [
            n.OtherBroker,
            n.OtherExpert,
            n.System,
            new(Guid.CreateVersion7(), Guid.CreateVersion7(), PartyKind.Customer, n.NetworkId),
        ];
        foreach (var stranger in strangers)
        {
            foreach (var file in f.All)
            {
                (await host.Queries.OpenFileAsync(stranger, f.OrderId, file, "Neugier")).Status.Should().Be(ResultStatus.NotFound, "{0} must not learn the file exists", stranger);
            }
        }

        // A party claimed in another network does not check out: Forbidden, before any file is looked up.
        foreach (var foreigner in new[] { n.Broker.InNetwork(otherNetwork), n.Expert.InNetwork(otherNetwork), n.Operator.InNetwork(otherNetwork) })
        {
            (await host.Queries.OpenFileAsync(foreigner, f.OrderId, f.Documentation, "Neugier")).Status.Should().Be(ResultStatus.Forbidden);
        }

        foreach (var actor in new[] { n.Broker, n.Expert })
        {
            foreach (var file in other.All.Append(Guid.CreateVersion7()).Append(f.DocumentationStoreId).Append(f.OrderId))
            {
                (await host.Queries.OpenFileAsync(actor, f.OrderId, file)).Status.Should().Be(ResultStatus.NotFound,
                    "a file of another order, an unknown id or the store's own id opens nothing");
            }
        }

        foreach (var file in other.All)
        {
            (await host.Queries.OpenFileAsync(n.Operator, f.OrderId, file, "Streitfall prüfen")).Status.Should().Be(ResultStatus.NotFound);
        }
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task After_a_withdrawal_the_expert_opens_none_of_the_orders_files_and_the_broker_keeps_them(DatabaseKind kind)
    {
        var host = await hosts.GetAsync(kind);
        var n = host.Network;
        var f = await OrderWithFilesAsync(host);
        OrderDriver.Ok(await host.Orders.CompleteAsync(n.Expert, f.OrderId), "Complete");
        (await host.Queries.OpenFileAsync(n.Expert, f.OrderId, f.Documentation)).Status.Should().Be(ResultStatus.Ok, "before the withdrawal");

        OrderDriver.Ok(await host.FireAsync(n.Broker, f.OrderId, OrderTrigger.WithdrawConsent), "WithdrawConsent");
        (await host.LoadOrderAsync(f.OrderId)).DataProcessingBlocked.Should().BeTrue();

        foreach (var file in f.All)
        {
            (await host.Queries.OpenFileAsync(n.Expert, f.OrderId, file)).Status.Should().Be(ResultStatus.NotFound, "nothing of the data subject reaches the expert");
        }

        foreach (var file in f.All)
        {
            await using var opened = await OpenOkAsync(host, n.Broker, f.OrderId, file);
        }
    }

    private static async Task<Files> OrderWithFilesAsync(ModuleHost host)
    {
        var n = host.Network;
        var id = await host.OrderInAsync("InProgress", serviceId: n.ConsentServiceId);
        OrderDriver.Ok(await host.Orders.AddDocumentationAsync(n.Expert, id, "Gutachten erstellt", [new DocumentUpload("Gutachten.pdf", "application/pdf", Report)]), "AddDocumentation");
        await host.SendOkAsync(n.Broker, id, "Anbei die Police", [new DocumentUpload("Police.pdf", "application/pdf", Policy)]);

        var detail = await host.Queries.GetOrderAsync(n.Broker, id);
        var report = detail.Value.Documentation.SelectMany(d => d.Attachments).Single();
        var thread = await host.MessageQueries().ListThreadAsync(n.Broker, id, new ThreadQuery());
        var policy = thread.Value.Items.SelectMany(m => m.Attachments).Single();
        var consent = (await host.Consents.ListAsync(n.Broker, id)).Value.Single(c => c.ScanDocumentId != null);
        return new Files(id, report.Id, report.DocumentId, policy.Id, consent.Id);
    }

    private static async Task<OrderFile> OpenOkAsync(ModuleHost host, Actor actor, Guid orderId, Guid fileId, string? purpose = null)
    {
        var result = await host.Queries.OpenFileAsync(actor, orderId, fileId, purpose);
        OrderDriver.Ok(result, "OpenFile");
        return result.Value;
    }

    private static byte[] ReadAll(OrderFile file)
    {
        using var copy = new MemoryStream();
        file.Content.CopyTo(copy);
        return copy.ToArray();
    }
}
