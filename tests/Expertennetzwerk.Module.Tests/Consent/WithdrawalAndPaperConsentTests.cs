using Expertennetzwerk.Module.Catalog;
using Expertennetzwerk.Module.Common;
using Expertennetzwerk.Module.Consent;
using Expertennetzwerk.Module.Orders;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Expertennetzwerk.Module.Tests.Consent.ConsentLinkTests;

namespace Expertennetzwerk.Module.Tests.Consent;

/// <summary>Withdrawal (Art. 7(3) GDPR) through its link or recorded by the broker, and consent given on paper.</summary>
public sealed class WithdrawalAndPaperConsentTests
{
    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Withdrawing_through_the_link_cancels_an_open_order_once(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        var orderId = await DraftAsync(host);
        var requested = (await host.Consents.RequestConsentAsync(n.Broker, orderId, new RequestConsentCommand(DataSubjectKind.Customer))).Value;
        var withdrawal = TokenOf(requested.WithdrawalUrl);
        (await host.Consents.OpenWithdrawalAsync(withdrawal)).Refusal.Should().Be(ConsentRefusals.InvalidLink, "nothing given yet, nothing to withdraw");
        (await host.Consents.DecideAsync(TokenOf(requested.ConsentUrl), agree: true)).IsOk.Should().BeTrue();
        (await host.Orders.PlaceAsync(n.Broker, orderId)).IsOk.Should().BeTrue();
        (await host.Orders.AcceptAsync(n.Expert, orderId)).IsOk.Should().BeTrue();

        (await host.Consents.OpenWithdrawalAsync(withdrawal)).Value.Status.Should().Be(ConsentStatus.Given);
        (await host.Consents.OpenWithdrawalAsync(withdrawal)).IsOk.Should().BeTrue("opening never uses the link up");
        var withdrawn = await host.Consents.WithdrawAsync(withdrawal);

        withdrawn.Value.Status.Should().Be(ConsentStatus.Withdrawn);
        var order = await host.LoadOrderAsync(orderId);
        order.State.Should().Be(OrderState.Cancelled);
        var last = (await host.HistoryAsync(orderId))[^1];
        (last.Event, last.FromState, last.ToState, last.Text, last.PartyKind)
            .Should().Be(("WithdrawConsent", OrderState.InProgress, OrderState.Cancelled, "Einwilligung widerrufen", PartyKind.Customer));
        (await host.OutboxAsync(orderId)).Should().Contain(m => m.IdempotencyKey.EndsWith(":WithdrawConsent:" + last.Sequence, StringComparison.Ordinal),
            "the broker is told of the state change");
        var consent = (await host.Consents.ListAsync(n.Broker, orderId)).Value.Single();
        (consent.Status, consent.WithdrawalChannel, consent.WithdrawnAt).Should().Be((ConsentStatus.Withdrawn, ConsentChannel.Link, host.Time.GetUtcNow()));

        (await host.Consents.WithdrawAsync(withdrawal)).Refusal.Should().Be(ConsentRefusals.InvalidLink, "a withdrawal works once");
    }

    [Fact]
    public async Task A_withdrawal_after_completion_keeps_the_state_and_blocks_the_data()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite);
        var n = host.Network;
        var orderId = await host.OrderInAsync("Completed", serviceId: n.ConsentServiceId);
        var consentId = (await host.Consents.ListAsync(n.Broker, orderId)).Value.Single().Id;
        (await host.Orders.OpenDisputeAsync(n.Broker, orderId, "Ergebnis unvollständig")).IsOk.Should().BeTrue();

        var recorded = await host.Consents.RecordWithdrawalAsync(n.Broker, orderId, consentId, ConsentChannel.Letter, "Brief vom 3. März");

        recorded.Value.State.Should().Be(OrderState.Disputed, "a disputed order keeps its state");
        var order = await host.LoadOrderAsync(orderId);
        order.DataProcessingBlocked.Should().BeTrue();
        var expertView = (await host.Queries.GetOrderAsync(n.Expert, orderId)).Value;
        (expertView.IncludesPersonalData, expertView.CustomerSnapshotJson, expertView.FormDataJson, expertView.DataProcessingBlocked)
            .Should().Be((false, null, null, true));
        (await host.Queries.GetOrderAsync(n.Broker, orderId)).Value.IncludesPersonalData.Should().BeTrue();
        (await host.Queries.GetOrderDescriptionAsync(n.Expert, orderId)).Refusal!.Code.Should().Be("order.data_processing_blocked");
        (await host.Orders.ResolveDisputeAsync(n.Operator, orderId, DisputeResolution.Resume, "Weiter")).Refusal!.Code
            .Should().Be("order.data_processing_blocked", "work on the data cannot resume");
        (await host.Orders.ResolveDisputeAsync(n.Operator, orderId, DisputeResolution.Complete, "Abgeschlossen")).IsOk.Should().BeTrue();
        (await host.Consents.ListAsync(n.Broker, orderId)).Value.Single().WithdrawalChannel.Should().Be(ConsentChannel.Letter);
    }

    [Fact]
    public async Task A_recorded_withdrawal_needs_a_given_consent_of_the_order_and_a_phone_or_letter()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite);
        var n = host.Network;
        var orderId = await host.OrderInAsync("Placed", serviceId: n.ConsentServiceId);
        var otherOrder = await host.OrderInAsync("Placed", serviceId: n.ConsentServiceId);
        var foreignConsent = (await host.Consents.ListAsync(n.Broker, otherOrder)).Value.Single().Id;
        var consentId = (await host.Consents.ListAsync(n.Broker, orderId)).Value.Single().Id;
        var before = await host.FootprintAsync(orderId);

        (await host.Consents.RecordWithdrawalAsync(n.Broker, orderId, foreignConsent, ConsentChannel.Phone)).FieldErrors.Single().Field.Should().Be("consentId");
        (await host.Consents.RecordWithdrawalAsync(n.Broker, orderId, consentId, ConsentChannel.Link)).FieldErrors.Single().Field.Should().Be("channel");
        (await host.Consents.RecordWithdrawalAsync(n.Broker, orderId, consentId, ConsentChannel.Phone, new string('x', 2_001))).FieldErrors.Single().Code.Should().Be("too_long");
        (await host.Consents.RecordWithdrawalAsync(n.Expert, orderId, consentId, ConsentChannel.Phone)).Refusal!.Code.Should().Be("order.actor_not_permitted");
        (await host.FootprintAsync(orderId)).Should().Be(before);

        (await host.Consents.RecordWithdrawalAsync(n.Broker, orderId, consentId, ConsentChannel.Phone, "Anruf am Vormittag")).Value.State.Should().Be(OrderState.Cancelled);
    }

    [SkippableTheory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task A_paper_consent_keeps_its_scan_and_allows_placing(DatabaseKind kind)
    {
        Postgres.SkipUnlessAvailable(kind);
        await using var host = await ModuleHost.StartAsync(kind);
        var n = host.Network;
        var orderId = await DraftAsync(host);

        var recorded = (await host.Consents.RecordPaperConsentAsync(n.Broker, orderId,
            new RecordPaperConsentCommand(DataSubjectKind.Customer, OrderDriver.Scan(), Note: "Original in der Kundenakte"))).Value;

        var consent = (await host.Consents.ListAsync(n.Broker, orderId)).Value.Single();
        (consent.Channel, consent.Status, consent.ExpiresAt).Should().Be((ConsentChannel.Paper, ConsentStatus.Given, (DateTimeOffset?)null));
        consent.Text.Should().Contain("§ 203 StGB");
        var scan = await host.Services.GetRequiredService<IDocumentStore>().OpenAsync(n.NetworkId, consent.ScanDocumentId!.Value);
        scan!.Content.ToArray().Should().Equal(OrderDriver.Scan().Content.ToArray());
        recorded.WithdrawalUrl.AbsoluteUri.Should().Contain("/consent/withdraw/");
        (await host.Orders.PlaceAsync(n.Broker, orderId)).IsOk.Should().BeTrue();
        (await host.Consents.OpenWithdrawalAsync(TokenOf(recorded.WithdrawalUrl))).IsOk.Should().BeTrue("a paper consent can be withdrawn by link too");
    }

    [Fact]
    public async Task A_scan_too_large_or_of_a_refused_type_is_refused_and_nothing_is_stored()
    {
        await using var host = await ModuleHost.StartAsync(DatabaseKind.Sqlite, new ModuleHostOptions { Options = o => o.MaxAttachmentBytes = 1_024 });
        var n = host.Network;
        var orderId = await DraftAsync(host);
        var counts = await host.CountRowsAsync();

        var tooLarge = await host.Consents.RecordPaperConsentAsync(n.Broker, orderId,
            new RecordPaperConsentCommand(DataSubjectKind.Customer, new DocumentUpload("scan.pdf", "application/pdf", new byte[1_025])));
        var wrongType = await host.Consents.RecordPaperConsentAsync(n.Broker, orderId,
            new RecordPaperConsentCommand(DataSubjectKind.Customer, new DocumentUpload("scan.exe", "application/x-msdownload", new byte[10])));

        tooLarge.FieldErrors.Select(e => e.Field + ":" + e.Code).Should().Equal("scan:file_too_large");
        wrongType.FieldErrors.Select(e => e.Field + ":" + e.Code).Should().Equal("scan:file_type_refused");
        (await host.CountRowsAsync()).Should().Be(counts);
        (await CountConsentsAsync(host)).Should().Be(0);
    }
}
