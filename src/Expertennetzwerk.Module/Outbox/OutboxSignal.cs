namespace Expertennetzwerk.Module.Outbox;

/// <summary>
/// Wakes the outbox dispatcher right after a commit that wrote outbox rows (the module's interceptors pulse it), so
/// new notifications leave at once without fast polling. One per service provider; pulses coalesce.
/// </summary>
internal sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    /// <summary>Wakes a waiting dispatcher, or makes its next wait return at once.</summary>
    public void Pulse()
    {
        if (_pending.CurrentCount > 0)
        {
            return;
        }

        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another pulse got there first: one pending wake-up is enough.
        }
        catch (ObjectDisposedException)
        {
            // The host is shutting down.
        }
    }

    /// <summary>Waits for a pulse or until <paramref name="timeout"/> passed on <paramref name="time"/>; true when pulsed.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (_pending.Wait(0, CancellationToken.None))
        {
            return true;
        }

        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await _pending.WaitAsync(linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _pending.Dispose();
}
