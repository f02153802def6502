using System.Text.RegularExpressions;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Microsoft.Extensions.Time.Testing;

namespace Expertennetzwerk.Module.Tests.Outbox;

public sealed partial class MessageIdsTests
{
    // RFC 5322 msg-id without brackets, dot-atom-text on both sides.
    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")]
    private static partial Regex MsgId();

    [Theory]
    [InlineData("0193f1c2a8b47d3e9c1f2a3b4c5d6e7f:Place:3", "0193f1c2a8b47d3e9c1f2a3b4c5d6e7f=3APlace=3A3@expertennetzwerk")]
    [InlineData("a.b", "a=2Eb@expertennetzwerk")]
    [InlineData("Ä <x>@y", "=C3=84=20=3Cx=3E=40y@expertennetzwerk")]
    [InlineData("x=3A", "x=3D3A@expertennetzwerk")]
    public void A_key_becomes_a_valid_stable_Message_ID(string key, string expected)
    {
        MessageIds.FromIdempotencyKey(key).Should().Be(expected);
        MsgId().IsMatch(MessageIds.FromIdempotencyKey(key)).Should().BeTrue();
    }

    [Fact]
    public void Different_keys_never_share_a_Message_ID()
    {
        string[] keys = ["a:b", "a.b", "a=3Ab", "a b", "a_b", "A:b", "a:b:", "x=3A", "x:"];
        keys.Select(k => MessageIds.FromIdempotencyKey(k)).Should().OnlyHaveUniqueItems();
        keys.Should().OnlyContain(k => MsgId().IsMatch(MessageIds.FromIdempotencyKey(k, "mail.crm.example.org")));
    }

    [Theory]
    [InlineData("mail.example.org", true)]
    [InlineData("expertennetzwerk", true)]
    [InlineData("", false)]
    [InlineData("a..b", false)]
    [InlineData(".a", false)]
    [InlineData("bad domain", false)]
    [InlineData("x@y", false)]
    public void Only_dot_atom_domains_are_accepted(string domain, bool valid) => MessageIds.IsValidDomain(domain).Should().Be(valid);

    [Fact]
    public async Task The_development_mailbox_keeps_the_newest_mails_up_to_its_capacity()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var mailbox = new DevelopmentMailbox(time, capacity: 3);
        for (var i = 0; i < 5; i++)
        {
            await mailbox.SendAsync(new OutgoingMail($"m{i}@expertennetzwerk", [new MailAddress("a@example.test")], "Betreff " + i, "Text"));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        mailbox.List().Select(m => m.Mail.MessageId).Should().Equal("m4@expertennetzwerk", "m3@expertennetzwerk", "m2@expertennetzwerk");
        mailbox.List()[0].ReceivedAt.Should().Be(new DateTimeOffset(2026, 3, 2, 8, 0, 4, TimeSpan.Zero));
        mailbox.ReceivedCount.Should().Be(5);
        mailbox.Find("m3@expertennetzwerk").Should().ContainSingle();
        mailbox.Clear();
        mailbox.List().Should().BeEmpty();
    }
}
