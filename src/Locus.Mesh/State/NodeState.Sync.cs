using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Clocks;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Crdt.Text;

namespace Locus.Mesh.State;

public sealed partial class NodeState
{
    /// <summary>What this replica has seen, part by part.</summary>
    public NodeStateVersion Version
    {
        get
        {
            var version = new NodeStateVersion();
            version.Set("documents", _documents.Version);
            version.Set("history", _history.Version);
            version.Set("preferences", _preferences.Version);
            version.Set("directory", _directory.Version);
            foreach (var (id, text) in _texts)
            {
                version.Set("text/" + id, text.Version);
            }

            foreach (var (key, counter) in _spend)
            {
                version.Set("spend/" + key, counter.Version);
            }

            return version;
        }
    }

    /// <summary>One encoded delta covering every part a peer at <paramref name="peerHas"/> lacks. Texts always carry
    /// their delete set and counters their entries past the peer's version, so both are sent for every key.</summary>
    public byte[] DeltaFor(NodeStateVersion peerHas)
    {
        ArgumentNullException.ThrowIfNull(peerHas);
        var delta = new NodeStateDelta(
            _documents.DeltaFor(peerHas["documents"]),
            [.. _texts.Select(t => new KeyValuePair<string, IReadOnlyList<TextOp>>(t.Key, t.Value.Delta(peerHas["text/" + t.Key])))],
            _history.DeltaFor(peerHas["history"]),
            _preferences.DeltaFor(peerHas["preferences"]),
            [.. _spend.Select(s => new KeyValuePair<string, Crdt.Counters.PnCounterDelta>(s.Key, s.Value.DeltaFor(peerHas["spend/" + s.Key])))],
            _directory.DeltaFor(peerHas["directory"]));
        return DeltaCodec.ToBytes(NodeStateDeltaCodec.Instance, delta);
    }

    /// <summary>Merges a delta (idempotent). The whole delta is decoded before anything is applied, so malformed
    /// bytes throw <see cref="FormatException"/> and leave this replica unchanged.</summary>
    public void Merge(ReadOnlySpan<byte> delta)
    {
        var decoded = DeltaCodec.FromBytes(NodeStateDeltaCodec.Instance, delta);
        _documents.Merge(decoded.Documents);
        foreach (var (id, ops) in decoded.Texts)
        {
            Text(id).ApplyAll(ops);
        }

        _history.Merge(decoded.History);
        _preferences.Merge(decoded.Preferences);
        foreach (var (key, counter) in decoded.Spend)
        {
            Counter(key).Merge(counter);
        }

        _directory.Merge(decoded.Directory);
    }

    /// <summary>The canonical encoding of the whole state: equal states give equal bytes.</summary>
    public byte[] Encode() => DeltaFor(NodeStateVersion.Empty);

    /// <summary>A replica restored from <see cref="Encode"/> bytes (a restart, or a peer's snapshot).</summary>
    public static NodeState Load(ReadOnlySpan<byte> state, ReplicaId replica, HybridLogicalClock clock)
    {
        var loaded = new NodeState(replica, clock);
        loaded.Merge(state);
        return loaded;
    }
}
