using System.Collections.Concurrent;

namespace Locus.Routing.Signals;

/// <summary>How much a client has spent since a moment: the ledger when there is one, else an in-memory tally.</summary>
public interface ISpendSource
{
    decimal SpentSince(string client, DateTimeOffset since);

    void Add(string client, DateTimeOffset time, decimal costUsd);
}

/// <summary>Spend kept in memory only (the ledger is disabled): budgets then reset with the process.</summary>
internal sealed class MemorySpend : ISpendSource
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(DateTimeOffset Time, decimal Cost)>> _entries = new(StringComparer.Ordinal);

    public decimal SpentSince(string client, DateTimeOffset since) =>
        _entries.TryGetValue(client, out var queue) ? queue.Where(e => e.Time >= since).Sum(e => e.Cost) : 0m;

    public void Add(string client, DateTimeOffset time, decimal costUsd)
    {
        if (costUsd != 0m)
        {
            _entries.GetOrAdd(client, _ => new()).Enqueue((time, costUsd));
        }
    }
}
