using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Registers;

namespace Locus.Mesh.Tests.Convergence;

/// <summary>
/// What the converged state must be, from every operation made anywhere: the latest write per register and key,
/// the elements with an add dot that no remove (or later add on the same node) observed, and the counter's sum.
/// </summary>
internal sealed class Oracle
{
    private readonly List<LwwEntry<string>> _registerWrites = [];
    private readonly Dictionary<string, LwwEntry<long>> _latestMapWrite = [];
    private readonly Dictionary<Dot, string> _addDots = [];
    private readonly HashSet<Dot> _observedRemoved = [];

    public long CounterValue { get; set; }

    public void RegisterWrite(LwwEntry<string> entry) => _registerWrites.Add(entry);

    public void MapWrite(string key, LwwEntry<long> entry)
    {
        if (!_latestMapWrite.TryGetValue(key, out var latest) || entry.Stamp > latest.Stamp)
        {
            _latestMapWrite[key] = entry;
        }
    }

    public void SetAdd(string element, IEnumerable<Dot> observedBefore, IEnumerable<Dot> after)
    {
        _observedRemoved.UnionWith(observedBefore);
        foreach (var dot in after.Except(observedBefore))
        {
            _addDots[dot] = element;
        }
    }

    public void SetRemove(IEnumerable<Dot> observed) => _observedRemoved.UnionWith(observed);

    public LwwEntry<string>? Register => _registerWrites.Count == 0 ? null : _registerWrites.MaxBy(e => e.Stamp);

    public IEnumerable<KeyValuePair<string, long>> MapItems =>
        _latestMapWrite.Where(e => !e.Value.Removed).OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new KeyValuePair<string, long>(e.Key, e.Value.Value));

    public IEnumerable<string> SetElements =>
        _addDots.Where(e => !_observedRemoved.Contains(e.Key)).Select(e => e.Value).Distinct().Order(StringComparer.Ordinal);
}
