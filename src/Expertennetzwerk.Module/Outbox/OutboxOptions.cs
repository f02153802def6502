namespace Expertennetzwerk.Module.Outbox;

/// <summary>
/// Settings of the outbox dispatcher (<c>options.Outbox</c>), validated at start-up. The defaults suit one host
/// instance or several sharing one PostgreSQL database.
/// </summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// Whether this instance runs the background dispatcher (default true). Turn it off on instances that should only
    /// write rows (e.g. a web tier when a worker instance delivers), or in tests that drive delivery themselves.
    /// </summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>
    /// Identifies this instance as the holder of leases. Default: machine name, process id and a random suffix, unique
    /// per start. At most 100 characters.
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>
    /// How long a claimed row stays reserved for this instance (default 2 minutes); after that another instance may
    /// deliver it. Must exceed the slowest delivery, or a slow delivery can happen twice.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Rows claimed at once (default 50, 1..1000).</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Rows of a batch delivered at the same time, each on its own connection (default 4, 1..64).</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Delivery attempts before a row is dead-lettered (default 10, 1..100).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Delay after the first failure (default 5 seconds); doubles with each further failure, with jitter.</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest delay between two attempts (default 1 hour).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often the dispatcher looks for due rows without being woken (default 30 seconds). The wake-up after each
    /// commit that wrote outbox rows delivers new rows at once; the poll catches retries that fall due and rows written
    /// by other instances or outside the module's interceptors.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The domain part of Message-IDs built from idempotency keys (default <c>expertennetzwerk</c>).</summary>
    public string MessageIdDomain { get; set; } = "expertennetzwerk";

    /// <summary>The problems with these settings, each saying what to fix; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        if (LeaseDuration < TimeSpan.FromSeconds(1) || LeaseDuration > TimeSpan.FromHours(24))
        {
            failures.Add($"Expertennetzwerk: Outbox.LeaseDuration must be between 1 second and 24 hours (is {LeaseDuration}).");
        }

        if (BatchSize is < 1 or > 1_000)
        {
            failures.Add($"Expertennetzwerk: Outbox.BatchSize must be between 1 and 1000 (is {BatchSize}).");
        }

        if (MaxConcurrency is < 1 or > 64)
        {
            failures.Add($"Expertennetzwerk: Outbox.MaxConcurrency must be between 1 and 64 (is {MaxConcurrency}).");
        }

        if (MaxAttempts is < 1 or > 100)
        {
            failures.Add($"Expertennetzwerk: Outbox.MaxAttempts must be between 1 and 100 (is {MaxAttempts}).");
        }

        if (BaseRetryDelay <= TimeSpan.Zero)
        {
            failures.Add($"Expertennetzwerk: Outbox.BaseRetryDelay must be positive (is {BaseRetryDelay}).");
        }

        if (MaxRetryDelay < BaseRetryDelay || MaxRetryDelay > TimeSpan.FromDays(7))
        {
            failures.Add($"Expertennetzwerk: Outbox.MaxRetryDelay must be at least BaseRetryDelay ({BaseRetryDelay}) and at most 7 days (is {MaxRetryDelay}).");
        }

        if (PollInterval < TimeSpan.FromMilliseconds(10) || PollInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"Expertennetzwerk: Outbox.PollInterval must be between 10 ms and 1 hour (is {PollInterval}).");
        }

        if (InstanceId is { } id && (string.IsNullOrWhiteSpace(id) || id.Length > 100))
        {
            failures.Add("Expertennetzwerk: Outbox.InstanceId must be 1 to 100 characters, or unset for a generated one.");
        }

        if (!MessageIds.IsValidDomain(MessageIdDomain))
        {
            failures.Add($"Expertennetzwerk: Outbox.MessageIdDomain must be a domain such as expertennetzwerk or mail.crm.example.org (is \"{MessageIdDomain}\").");
        }

        return failures;
    }
}
