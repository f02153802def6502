using Expertennetzwerk.SampleHost.Crm;
using Expertennetzwerk.SampleHost.Mailbox;
using Microsoft.EntityFrameworkCore;

namespace Expertennetzwerk.SampleHost.Api;

/// <summary>One mail of <c>GET /api/mailbox</c>.</summary>
/// <param name="ReceivedAt">When the mailbox got it from the outbox dispatcher.</param>
/// <param name="MessageId">The Message-ID as sent (without angle brackets).</param>
/// <param name="To">The recipients.</param>
/// <param name="Subject">The subject.</param>
/// <param name="Text">The plain-text body.</param>
/// <param name="PlannedAt">When the module planned it (its outbox row was written).</param>
/// <param name="ReadableMessageId">The notification's key the Message-ID encodes.</param>
public sealed record MailboxItem(DateTimeOffset ReceivedAt, string MessageId, IReadOnlyList<string> To, string Subject, string Text, DateTimeOffset PlannedAt, string ReadableMessageId);

/// <summary>
/// The development mailbox as JSON (<c>GET /api/mailbox</c>, Development only): the mails the module would have sent,
/// kept in the sample's database (<see cref="StoredMailbox"/>), newest first by when they were planned. The page is
/// <c>/mailbox</c> (<c>Pages/Mailbox</c>).
/// </summary>
public static class MailboxEndpoints
{
    /// <summary>How many mails the page and the JSON show.</summary>
    public const int Shown = 500;

    public static IEndpointRouteBuilder MapMailboxEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/mailbox", async (IWebHostEnvironment environment, IDbContextFactory<SampleCrmDbContext> contexts, CancellationToken cancellationToken) =>
            environment.IsDevelopment()
                ? Results.Ok((await ListAsync(contexts, cancellationToken)).Select(m => new MailboxItem(
                    m.ReceivedAt, m.MessageId, m.To.Split(", ", StringSplitOptions.RemoveEmptyEntries), m.Subject, m.Text, m.PlannedAt, m.ReadableMessageId)).ToList())
                : Results.NotFound());
        return endpoints;
    }

    /// <summary>The newest <see cref="Shown"/> mails, newest first by when they were planned (then by arrival).</summary>
    public static async Task<IReadOnlyList<StoredMail>> ListAsync(IDbContextFactory<SampleCrmDbContext> contexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Mailbox.AsNoTracking()
            .OrderByDescending(m => m.PlannedAt).ThenByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id)
            .Take(Shown)
            .ToListAsync(cancellationToken);
    }
}
