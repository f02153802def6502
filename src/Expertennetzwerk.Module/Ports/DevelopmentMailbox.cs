namespace Expertennetzwerk.Module.Ports;

/// <summary>
/// An <see cref="IMailSender"/> for development and demos: keeps the last <see cref="Capacity"/> mails in memory instead
/// of sending them, newest first, for a mailbox page to show. Chosen explicitly with
/// <c>AddExpertennetzwerk(...).UseDevelopmentMailbox()</c>; never a silent default. Thread-safe; lost on restart.
/// </summary>
public sealed class DevelopmentMailbox : IMailSender
{
    /// <summary>How many mails are kept when none is given.</summary>
    public const int DefaultCapacity = 500;

    private readonly LinkedList<DevelopmentMail> _mails = new();
    private readonly TimeProvider _time;
    private readonly object _lock = new();

    /// <summary>Creates a mailbox keeping up to <paramref name="capacity"/> mails.</summary>
    public DevelopmentMailbox(TimeProvider time, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        Capacity = capacity;
    }

    /// <summary>The most mails kept; the oldest go first.</summary>
    public int Capacity { get; }

    /// <summary>Mails received since start (also those no longer kept).</summary>
    public long ReceivedCount { get; private set; }

    /// <summary>The kept mails, newest first.</summary>
    public IReadOnlyList<DevelopmentMail> List()
    {
        lock (_lock)
        {
            return [.. _mails];
        }
    }

    /// <summary>The kept mails with this Message-ID (more than one after a redelivery), newest first.</summary>
    public IReadOnlyList<DevelopmentMail> Find(string messageId)
    {
        lock (_lock)
        {
            return [.. _mails.Where(m => m.Mail.MessageId == messageId)];
        }
    }

    /// <summary>Forgets every kept mail.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _mails.Clear();
        }
    }

    /// <inheritdoc />
    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _mails.AddFirst(new DevelopmentMail(mail, _time.GetUtcNow()));
            ReceivedCount++;
            while (_mails.Count > Capacity)
            {
                _mails.RemoveLast();
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>A mail kept by the <see cref="DevelopmentMailbox"/>.</summary>
/// <param name="Mail">The mail as the module rendered it.</param>
/// <param name="ReceivedAt">When the mailbox got it.</param>
public sealed record DevelopmentMail(OutgoingMail Mail, DateTimeOffset ReceivedAt);
