using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Expertennetzwerk.Module.Tests.Support;

/// <summary>One captured log entry: category, level, event id, the formatted message, every structured value and the exception.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, string?>> State, string? Exception)
{
    /// <summary>Everything the entry could show anywhere (message, values, exception).</summary>
    public string AllText => string.Join('\n', new[] { Message, Exception ?? string.Empty }.Concat(State.Select(s => s.Key + "=" + s.Value)));
}

/// <summary>Captures every log entry of every category at every level (scopes included as state).</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner.Entries.Enqueue(new CapturedLog(category, LogLevel.None, default, "scope: " + state, Values(state), null));
            return NullScope.Instance;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), Values(state), exception?.ToString()));

        private static List<KeyValuePair<string, string?>> Values(object? state) =>
            state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value?.ToString())).ToList()
                : [new KeyValuePair<string, string?>("state", state?.ToString())];
    }

    private sealed class NullScope : IDisposable
    {
        public static NullScope Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
