using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.Module.Smtp.Tests.Support;
using MailKit.Net.Smtp;
using MimeKit;

namespace Expertennetzwerk.Module.Smtp.Tests;

/// <summary>SmtpMailSender against a real SMTP server on 127.0.0.1.</summary>
public sealed class SmtpMailSenderTests : IAsyncLifetime
{
    private TestSmtpServer _server = null!;

    public async Task InitializeAsync() => _server = await TestSmtpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_mail_arrives_with_subject_recipients_message_id_text_html_and_attachment()
    {
        var pdf = new byte[5000];
        new Random(4).NextBytes(pdf);
        const string messageId = "0193a5b2-7c1e-7d4a-9f00-3b2c1d0e9a11:Place:3.broker@expertennetzwerk";
        var mail = new OutgoingMail(
            messageId,
            [new MailAddress("anna.schmidt@example.org", "Anna Schmidt-Müller"), new MailAddress("buero@example.org")],
            "Auftrag EA-2026-000123: Prüfung läuft – Größe ändern",
            "Guten Tag Frau Schmidt-Müller,\r\nIhr Auftrag wird geprüft. Grüße aus Köln",
            "<p>Guten Tag Frau Schmidt-Müller,</p><p>Ihr Auftrag wird <b>geprüft</b>. Grüße aus Köln</p>",
            [new DocumentUpload("Gutachten Übersicht.pdf", "application/pdf", pdf)]);
        await using var sender = Senders.Create(_server.Port);

        await sender.SendAsync(mail);

        var received = (await _server.WaitForAsync(1)).Should().ContainSingle().Subject;
        received.EnvelopeRecipients.Should().BeEquivalentTo("anna.schmidt@example.org", "buero@example.org");
        var message = received.Message;
        message.MessageId.Should().Be(messageId);
        message.Headers[HeaderId.MessageId]!.Trim().Should().Be($"<{messageId}>");
        message.Subject.Should().Be("Auftrag EA-2026-000123: Prüfung läuft – Größe ändern");
        message.From.Mailboxes.Should().ContainSingle().Which.Should().Match<MailboxAddress>(
            m => m.Address == "netzwerk@expertennetzwerk.example" && m.Name == "Expertennetzwerk Süd");
        message.To.Mailboxes.Select(m => (m.Address, m.Name)).Should().Equal(
            ("anna.schmidt@example.org", "Anna Schmidt-Müller"), ("buero@example.org", string.Empty));
        message.Headers["Auto-Submitted"].Should().Be("auto-generated");

        var mixed = message.Body.Should().BeOfType<Multipart>().Subject;
        mixed.ContentType.MimeType.Should().Be("multipart/mixed");
        var alternative = mixed[0].Should().BeOfType<MultipartAlternative>().Subject;
        alternative.OfType<TextPart>().Select(p => p.ContentType.MimeType).Should().Equal("text/plain", "text/html");
        // Line ends travel as CRLF; MimeKit hands them back as the platform writes them.
        message.TextBody!.ReplaceLineEndings("\n").Should().Be("Guten Tag Frau Schmidt-Müller,\nIhr Auftrag wird geprüft. Grüße aus Köln");
        message.HtmlBody.Should().Be("<p>Guten Tag Frau Schmidt-Müller,</p><p>Ihr Auftrag wird <b>geprüft</b>. Grüße aus Köln</p>");

        var attachment = message.Attachments.Should().ContainSingle().Which.Should().BeOfType<MimePart>().Subject;
        attachment.FileName.Should().Be("Gutachten Übersicht.pdf");
        attachment.ContentType.MimeType.Should().Be("application/pdf");
        using var bytes = new MemoryStream();
        await attachment.Content!.DecodeToAsync(bytes);
        bytes.ToArray().Should().Equal(pdf);
    }

    [Fact]
    public async Task A_text_only_mail_has_no_html_part_and_no_attachments()
    {
        await using var sender = Senders.Create(_server.Port);

        await sender.SendAsync(new OutgoingMail("nur-text.1@expertennetzwerk", [new MailAddress("a@example.org")], "Nur Text", "Hallo Jürgen"));

        var message = (await _server.WaitForAsync(1)).Should().ContainSingle().Subject.Message;
        message.Body.Should().BeOfType<TextPart>().Which.ContentType.MimeType.Should().Be("text/plain");
        message.TextBody.Should().Be("Hallo Jürgen");
        message.HtmlBody.Should().BeNull();
        message.Attachments.Should().BeEmpty();
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_is_a_permanent_failure_with_the_servers_text()
    {
        await using var sender = Senders.Create(_server.Port);

        var thrown = (await FluentActions.Awaiting(() => sender.SendAsync(Senders.Mail("r.1@expertennetzwerk", new MailAddress("niemand@invalid.example", "Niemand"))))
            .Should().ThrowAsync<PermanentDeliveryException>()).Which;

        thrown.Message.Should().Contain(TestSmtpServer.RefusedText).And.Contain("niemand@invalid.example").And.Contain("550");
        thrown.InnerException.Should().BeOfType<SmtpCommandException>().Which.ErrorCode.Should().Be(SmtpErrorCode.RecipientNotAccepted);
        _server.Received.Should().BeEmpty();

        // The sender goes on working after the refusal.
        await sender.SendAsync(Senders.Mail("r.2@expertennetzwerk", new MailAddress("anna@example.org")));
        (await _server.WaitForAsync(1)).Should().ContainSingle().Which.Message.MessageId.Should().Be("r.2@expertennetzwerk");
    }

    [Fact]
    public async Task One_refused_recipient_among_several_sends_to_none()
    {
        await using var sender = Senders.Create(_server.Port);

        await FluentActions.Awaiting(() => sender.SendAsync(Senders.Mail(
                "r.3@expertennetzwerk", new MailAddress("anna@example.org"), new MailAddress("weg@invalid.example"))))
            .Should().ThrowAsync<PermanentDeliveryException>().WithMessage("*weg@invalid.example*");

        _server.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task A_message_the_server_rejects_after_the_data_is_a_permanent_failure_with_the_servers_text()
    {
        await using var sender = Senders.Create(_server.Port);
        var mail = Senders.Mail("spam.1@expertennetzwerk", new MailAddress("anna@example.org")) with { Subject = "[SPAM] Gewinn" };

        var thrown = (await FluentActions.Awaiting(() => sender.SendAsync(mail)).Should().ThrowAsync<PermanentDeliveryException>()).Which;

        thrown.Message.Should().Contain(TestSmtpServer.SpamText).And.Contain("554");
        thrown.InnerException.Should().BeOfType<SmtpCommandException>().Which.ErrorCode.Should().Be(SmtpErrorCode.MessageNotAccepted);
    }

    [Fact]
    public async Task A_temporary_refusal_4xx_is_not_permanent()
    {
        await using var sender = Senders.Create(_server.Port);

        var thrown = (await FluentActions.Awaiting(() => sender.SendAsync(Senders.Mail("busy.1@expertennetzwerk", new MailAddress("anna@busy.example"))))
            .Should().ThrowAsync<Exception>()).Which;

        thrown.Should().NotBeOfType<PermanentDeliveryException>();
        thrown.Should().BeOfType<SmtpCommandException>().Which.Message.Should().Contain(TestSmtpServer.BusyText);
    }

    [Theory]
    [InlineData("kein-at-zeichen")]
    [InlineData("")]
    [InlineData("Anna <anna@example.org>, bert@example.org")]
    public async Task An_invalid_recipient_address_is_permanent_and_never_reaches_the_server(string address)
    {
        await using var sender = Senders.Create(_server.Port);

        await FluentActions.Awaiting(() => sender.SendAsync(Senders.Mail("bad.1@expertennetzwerk", new MailAddress(address))))
            .Should().ThrowAsync<PermanentDeliveryException>().WithMessage("*Invalid recipient address*");

        _server.Sessions.Should().Be(0);
    }

    [Fact]
    public async Task A_mail_without_recipients_is_permanent()
    {
        await using var sender = Senders.Create(_server.Port);

        await FluentActions.Awaiting(() => sender.SendAsync(Senders.Mail("none.1@expertennetzwerk")))
            .Should().ThrowAsync<PermanentDeliveryException>().WithMessage("*no recipient*");
    }

    [Fact]
    public async Task A_server_that_is_not_listening_is_a_transient_failure()
    {
        await using var sender = Senders.Create(Senders.FreePort());

        var thrown = (await FluentActions.Awaiting(() => sender.SendAsync(Senders.Mail("down.1@expertennetzwerk", new MailAddress("anna@example.org"))))
            .Should().ThrowAsync<Exception>()).Which;

        thrown.Should().NotBeOfType<PermanentDeliveryException>();
        thrown.Should().BeAssignableTo<SocketException>();
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_as_a_transient_failure()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts connections (backlog) but never greets
        await using var sender = Senders.Create(((IPEndPoint)silent.LocalEndpoint).Port, o => o.Timeout = TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var thrown = (await FluentActions.Awaiting(() => sender.SendAsync(Senders.Mail("slow.1@expertennetzwerk", new MailAddress("anna@example.org"))))
            .Should().ThrowAsync<Exception>()).Which;

        thrown.Should().NotBeOfType<PermanentDeliveryException>().And.NotBeAssignableTo<OperationCanceledException>();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Cancellation_stops_a_send_that_waits_for_the_server()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        await using var sender = Senders.Create(((IPEndPoint)silent.LocalEndpoint).Port, o => o.Timeout = TimeSpan.FromMinutes(5));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await FluentActions.Awaiting(() => sender.SendAsync(Senders.Mail("cancel.1@expertennetzwerk", new MailAddress("anna@example.org")), cancel.Token))
            .Should().ThrowAsync<OperationCanceledException>();

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Concurrent_sends_all_arrive_over_at_most_MaxConnections_connections()
    {
        await using var sender = Senders.Create(_server.Port, o => o.MaxConnections = 3);
        var ids = Enumerable.Range(1, 40).Select(i => $"parallel.{i}@expertennetzwerk").ToList();

        await Task.WhenAll(ids.Select(id => Task.Run(() => sender.SendAsync(Senders.Mail(id, new MailAddress($"u{id.GetHashCode() & 0xff}@example.org", "Jörg Müßig"))))));

        var received = await _server.WaitForAsync(ids.Count);
        received.Select(r => r.Message.MessageId).Should().BeEquivalentTo(ids);
        received.Should().OnlyContain(r => r.Message.Subject == $"Betreff {r.Message.MessageId}" && r.Message.To.Mailboxes.Single().Name == "Jörg Müßig");
        _server.Sessions.Should().BeInRange(1, 3);
    }

    [Fact]
    public async Task Sequential_sends_reuse_one_connection()
    {
        await using var sender = Senders.Create(_server.Port);

        for (var i = 1; i <= 5; i++)
        {
            await sender.SendAsync(Senders.Mail($"seq.{i}@expertennetzwerk", new MailAddress("anna@example.org")));
        }

        (await _server.WaitForAsync(5)).Should().HaveCount(5);
        _server.Sessions.Should().Be(1);
    }

    [Fact]
    public async Task A_pooled_connection_the_server_closed_is_replaced_without_failing_the_send()
    {
        await using var impatient = await TestSmtpServer.StartAsync(idleLimit: TimeSpan.FromSeconds(2));
        await using var sender = Senders.Create(impatient.Port, o => o.ConnectionIdleTimeout = TimeSpan.FromMinutes(1));
        await sender.SendAsync(Senders.Mail("stale.1@expertennetzwerk", new MailAddress("anna@example.org")));
        await Task.Delay(TimeSpan.FromSeconds(4)); // the server hangs up on the idle pooled connection

        await sender.SendAsync(Senders.Mail("stale.2@expertennetzwerk", new MailAddress("anna@example.org")));

        (await impatient.WaitForAsync(2)).Select(r => r.Message.MessageId).Should().Equal("stale.1@expertennetzwerk", "stale.2@expertennetzwerk");
        impatient.Sessions.Should().Be(2);
    }

    [Fact]
    public async Task Without_an_idle_time_every_mail_gets_its_own_connection()
    {
        await using var sender = Senders.Create(_server.Port, o => o.ConnectionIdleTimeout = TimeSpan.Zero);

        for (var i = 1; i <= 3; i++)
        {
            await sender.SendAsync(Senders.Mail($"own.{i}@expertennetzwerk", new MailAddress("anna@example.org")));
        }

        (await _server.WaitForAsync(3)).Should().HaveCount(3);
        _server.Sessions.Should().Be(3);
    }

    [Fact]
    public async Task A_redelivery_keeps_the_message_id()
    {
        await using var sender = Senders.Create(_server.Port);
        var mail = Senders.Mail("0193a5b2-0000-7000-8000-000000000001:Complete:7.broker@expertennetzwerk", new MailAddress("anna@example.org"));

        await sender.SendAsync(mail);
        await sender.SendAsync(mail);

        (await _server.WaitForAsync(2)).Select(r => r.Message.MessageId).Should().Equal(mail.MessageId, mail.MessageId);
    }

    [Fact]
    public async Task A_disposed_sender_refuses_to_send()
    {
        var sender = Senders.Create(_server.Port);
        await sender.SendAsync(Senders.Mail("d.1@expertennetzwerk", new MailAddress("anna@example.org")));
        await sender.DisposeAsync();

        await FluentActions.Awaiting(() => sender.SendAsync(Senders.Mail("d.2@expertennetzwerk", new MailAddress("anna@example.org"))))
            .Should().ThrowAsync<ObjectDisposedException>();
    }
}
