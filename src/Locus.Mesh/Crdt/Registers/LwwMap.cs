using Locus.Mesh.Crdt.Clocks;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Registers;

/// <summary>
/// Last-writer-wins map: a register per key. A removal leaves a tombstone stamped like a write, so a set and a
/// concurrent remove resolve by clock order everywhere; tombstones are collected once every peer has seen them
/// (<see cref="CollectGarbage"/>). Not thread-safe: one owner applies local writes and merges.
/// </summary>
public sealed class LwwMap<T>(ReplicaId replica, HybridLogicalClock clock, IValueCodec<T> values) : IDeltaCrdt<LwwMapDelta<T>>
{
    private readonly SortedDictionary<string, LwwEntry<T>> _entries = new(StringComparer.Ordinal);
    private readonly VersionVector _seen = new();
    private readonly LwwMapDeltaCodec<T> _codec = new(values);

    public VersionVector Version => _seen.Clone();

    /// <summary>Live keys and values, in ordinal key order.</summary>
    public IEnumerable<KeyValuePair<string, T>> Items =>
        _entries.Where(e => !e.Value.Removed).Select(e => new KeyValuePair<string, T>(e.Key, e.Value.Value!));

    public int Count => _entries.Values.Count(e => !e.Removed);

    public int TombstoneCount => _entries.Values.Count(e => e.Removed);

    public bool TryGetValue(string key, out T? value)
    {
        var found = _entries.TryGetValue(key, out var entry) && !entry.Removed;
        value = found ? entry.Value : default;
        return found;
    }

    /// <summary>The winning write for <paramref name="key"/>, tombstone included (null: never written, or collected).</summary>
    public LwwEntry<T>? EntryOf(string key) => _entries.TryGetValue(key, out var entry) ? entry : null;

    public void Set(string key, T value) => Write(key, false, value);

    public void Remove(string key) => Write(key, true, default);

    public LwwMapDelta<T> DeltaFor(VersionVector peerHas)
    {
        ArgumentNullException.ThrowIfNull(peerHas);
        return new LwwMapDelta<T>(_seen.Clone(), [.. _entries.Where(e => !peerHas.Includes(e.Value.Dot))]);
    }

    public void Merge(LwwMapDelta<T> delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        foreach (var (key, incoming) in delta.Entries)
        {
            clock.Receive(incoming.Stamp);
            // A write we have seen is already reflected here — or was dominated by a tombstone since collected,
            // which a stale duplicate of the write must not bring back.
            if (_seen.Includes(incoming.Dot))
            {
                continue;
            }

            if (!_entries.TryGetValue(key, out var current) || incoming.Stamp > current.Stamp)
            {
                _entries[key] = incoming;
            }
        }

        _seen.Merge(delta.Context);
    }

    /// <summary>
    /// Drops tombstones every peer has seen. Runs only when this replica has seen everything each peer has (after a
    /// full sync round): then any write concurrent with a tombstone is already here, and a stale copy arriving later
    /// is recognised by its dot and ignored. Returns how many tombstones were dropped.
    /// </summary>
    public int CollectGarbage(IReadOnlyCollection<VersionVector> peerVersions)
    {
        ArgumentNullException.ThrowIfNull(peerVersions);
        if (peerVersions.Any(peer => !_seen.Dominates(peer)))
        {
            return 0;
        }

        var stable = VersionVector.Common([.. peerVersions, _seen]);
        var collectable = _entries.Where(e => e.Value.Removed && stable.Includes(e.Value.Dot)).Select(e => e.Key).ToList();
        foreach (var key in collectable)
        {
            _entries.Remove(key);
        }

        return collectable.Count;
    }

    public void Encode(VarWriter writer) => _codec.Write(writer, DeltaFor(new VersionVector()));

    /// <summary>Merges a state written by <see cref="DeltaCodec.EncodeState{TDelta}"/> (a restart, or a peer's
    /// snapshot); malformed bytes throw <see cref="FormatException"/> and leave this replica unchanged.</summary>
    public void Load(ReadOnlySpan<byte> state) => Merge(DeltaCodec.FromBytes(_codec, state));

    private void Write(string key, bool removed, T? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var stamp = clock.Now();
        if (stamp.Replica != replica)
        {
            throw new InvalidOperationException($"clock of replica {stamp.Replica} used by replica {replica}");
        }

        var counter = checked(_seen[replica] + 1);
        _entries[key] = new LwwEntry<T>(stamp, counter, removed, value);
        _seen.Observe(new Dot(replica, counter));
    }
}
