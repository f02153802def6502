using System.Globalization;
using System.Text;
using Expertennetzwerk.Module.Outbox;
using Expertennetzwerk.Module.Ports;
using Expertennetzwerk.SampleHost.Crm;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.SampleHost.Mailbox;

/// <summary>
/// The sample's <see cref="IMailSender"/>: sends nothing. Each mail goes to the module's in-memory
/// <see cref="DevelopmentMailbox"/> (as with <c>UseDevelopmentMailbox()</c> alone) and into the sample's table
/// <c>crm_dev_mailbox</c>, with the time the module planned it (its outbox row's creation), so the mailbox page lists it
/// newest first and still shows it after a restart. A redelivery (same Message-ID) is stored once.
/// </summary>
public sealed class StoredMailbox(IDbContextFactory<SampleCrmDbContext> contexts, DevelopmentMailbox memory, TimeProvider time) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        await memory.SendAsync(mail, cancellationToken);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Mailbox.AnyAsync(m => m.MessageId == mail.MessageId, cancellationToken))
        {
            return;
        }

        var key = ReadableMessageId(mail.MessageId);
        var planned = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.IdempotencyKey == key)
            .Select(m => (DateTimeOffset?)m.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();
        db.Mailbox.Add(new StoredMail
        {
            Id = Guid.CreateVersion7(),
            MessageId = mail.MessageId,
            ReadableMessageId = key,
            To = string.Join(", ", mail.To.Select(a => a.DisplayName is null ? a.Address : $"{a.DisplayName} <{a.Address}>")),
            Subject = mail.Subject,
            Text = mail.Text,
            PlannedAt = planned ?? now,
            ReceivedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The idempotency key a Message-ID encodes: the part before <c>@</c> with every <c>=XX</c> turned back into its
    /// byte (<c>0197…=3APlace=3A3@expertennetzwerk</c> → <c>0197…:Place:3</c>). Anything not so encoded stays as it is.
    /// </summary>
    public static string ReadableMessageId(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        var at = messageId.LastIndexOf('@');
        var local = at < 0 ? messageId : messageId[..at];
        var bytes = new List<byte>(local.Length);
        for (var i = 0; i < local.Length; i++)
        {
            if (local[i] == '=' && i + 2 < local.Length
                && byte.TryParse(local.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(local[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
