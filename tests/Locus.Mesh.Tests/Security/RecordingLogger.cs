using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Locus.Mesh.Tests.Security;

/// <summary>A logger that keeps every entry (all levels) so tests can assert that a refusal was logged, and how.</summary>
internal sealed class RecordingLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, int EventId, string Message)> Entries { get; } = new();

    public string AllText => string.Join("\n", Entries.Select(e => e.Message));

    public bool Has(int eventId) => Entries.Any(e => e.EventId == eventId);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId.Id, formatter(state, exception)));
}
