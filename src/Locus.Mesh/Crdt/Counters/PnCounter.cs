using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Counters;

/// <summary>
/// Positive-negative counter: each replica only grows its own increment and decrement totals, so merging keeps,
/// per replica, the entry with more operations; the value is the sum of increments minus the sum of decrements.
/// The operation count doubles as the version vector. Not thread-safe.
/// </summary>
public sealed class PnCounter(ReplicaId replica) : IDeltaCrdt<PnCounterDelta>
{
    private readonly SortedDictionary<ReplicaId, PnCounterEntry> _entries = [];

    /// <summary>Increments minus decrements over all replicas (wraps like unchecked 64-bit arithmetic).</summary>
    public long Value => unchecked((long)_entries.Values.Aggregate(0UL, (sum, e) => sum + e.Increments - e.Decrements));

    public VersionVector Version
    {
        get
        {
            var version = new VersionVector();
            foreach (var entry in _entries.Values)
            {
                version.Observe(new Dot(entry.Replica, entry.Operations));
            }

            return version;
        }
    }

    public void Increment(ulong amount = 1) => Apply(amount, 0);

    public void Decrement(ulong amount = 1) => Apply(0, amount);

    public PnCounterDelta DeltaFor(VersionVector peerHas)
    {
        ArgumentNullException.ThrowIfNull(peerHas);
        return new PnCounterDelta([.. _entries.Values.Where(e => e.Operations > peerHas[e.Replica])]);
    }

    public void Merge(PnCounterDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        foreach (var incoming in delta.Entries)
        {
            if (!_entries.TryGetValue(incoming.Replica, out var current) || incoming.Operations > current.Operations)
            {
                _entries[incoming.Replica] = incoming;
            }
        }
    }

    public void Encode(VarWriter writer) => PnCounterDeltaCodec.Instance.Write(writer, DeltaFor(new VersionVector()));

    /// <summary>Merges a state written by <see cref="DeltaCodec.EncodeState{TDelta}"/> (a restart, or a peer's
    /// snapshot); malformed bytes throw <see cref="FormatException"/> and leave this replica unchanged.</summary>
    public void Load(ReadOnlySpan<byte> state) => Merge(DeltaCodec.FromBytes(PnCounterDeltaCodec.Instance, state));

    private void Apply(ulong increment, ulong decrement)
    {
        var current = _entries.GetValueOrDefault(replica, new PnCounterEntry(replica, 0, 0, 0));
        _entries[replica] = new PnCounterEntry(replica, checked(current.Operations + 1),
            checked(current.Increments + increment), checked(current.Decrements + decrement));
    }
}
