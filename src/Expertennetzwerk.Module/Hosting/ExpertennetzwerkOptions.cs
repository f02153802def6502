namespace Expertennetzwerk.Module.Hosting;

/// <summary>Settings of the module, validated at start-up.</summary>
public sealed class ExpertennetzwerkOptions
{
    /// <summary>Largest attachment accepted, in bytes; default 10 MiB.</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>MIME types accepted for attachments.</summary>
    public ISet<string> AllowedAttachmentContentTypes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "text/plain",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    /// <summary>Largest order form data (JSON) accepted, in characters; default 256 KiB.</summary>
    public int MaxFormDataLength { get; set; } = 256 * 1024;

    /// <summary>
    /// Key (Base64, at least 32 bytes) that signs list cursors so a tampered cursor is refused. Set the same key on every
    /// instance that shares a database; when unset, a random key per process is used and cursors do not survive a restart.
    /// </summary>
    public string? CursorProtectionKey { get; set; }

    /// <summary>
    /// The absolute address under which users reach the host (e.g. <c>https://crm.example.org/</c>); the default
    /// <see cref="Ports.IPublicLinks"/> builds the links in mails and consent texts from it. Required unless the host
    /// registers its own <see cref="Ports.IPublicLinks"/> (the ASP.NET Core package does).
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>How long a consent link can be answered; default 14 days (1 hour to 90 days).</summary>
    public TimeSpan ConsentLinkLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// The hour (0–23, in the network's time zone, default 7 = 07:00) at which users who chose the daily digest get their
    /// notifications of the past day in one mail.
    /// </summary>
    public int NotificationDigestHour { get; set; } = 7;

    /// <summary>The outbox dispatcher's settings (lease, batch, retries, poll).</summary>
    public Outbox.OutboxOptions Outbox { get; } = new();
}
