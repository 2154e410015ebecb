using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Clocks;
using Locus.Mesh.State;
using Locus.Mesh.Store;

namespace Locus.Mesh.Node;

/// <summary>
/// The node's <see cref="NodeState"/> made durable: every local change and every merged remote delta is appended to
/// the store and committed before the call returns, so whatever a caller was told succeeded survives <c>kill -9</c>.
/// Thread-safe: one lock serialises edits, merges and reads (states are small; syncs are seconds apart).
/// </summary>
public sealed class MeshReplica : IDisposable
{
    private const string DocumentId = "node-state";

    // Each sync appends the peer's delta (texts carry their delete sets), so fold the log into a snapshot often.
    private const int CompactAfterAppends = 64;

    private readonly IMeshStore _store;
    private readonly Lock _gate = new();
    private readonly NodeState _state;
    private long _lastSequence;
    private int _appendsSinceCompaction;

    private MeshReplica(IMeshStore store, NodeState state, long lastSequence)
    {
        (_store, _state, _lastSequence) = (store, state, lastSequence);
    }

    public ReplicaId Replica => _state.Replica;

    public string Path => _store.Path;

    /// <summary>Opens (or creates) the store at <paramref name="path"/> and replays it.</summary>
    /// <exception cref="MeshStoreException">The file holds a corrupt or foreign document.</exception>
    public static MeshReplica Open(string path, ReplicaId replica, TimeProvider time, MeshStoreOptions? options = null)
    {
        var store = MeshStore.Open(path, options);
        try
        {
            store.Create(DocumentId, DocumentKind.NodeState);
            var loaded = store.LoadNodeState(DocumentId, replica, new HybridLogicalClock(replica, time));
            return new MeshReplica(store, loaded.Document, loaded.Sequence);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public NodeStateVersion Version
    {
        get
        {
            lock (_gate)
            {
                return _state.Version;
            }
        }
    }

    /// <summary>Reads under the lock; <paramref name="read"/> must copy what it keeps (the state changes after).</summary>
    public T Read<T>(Func<NodeState, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            return read(_state);
        }
    }

    /// <summary>Applies a local edit and returns once it is committed to disk.</summary>
    public void Change(Action<NodeState> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        lock (_gate)
        {
            var before = _state.Version;
            edit(_state);
            Persist(_state.DeltaFor(before));
        }
    }

    /// <summary>What a peer at <paramref name="peerHas"/> lacks.</summary>
    public byte[] DeltaFor(NodeStateVersion peerHas)
    {
        lock (_gate)
        {
            return _state.DeltaFor(peerHas);
        }
    }

    /// <summary>Merges a peer's delta and commits it; malformed bytes throw <see cref="FormatException"/> and change nothing.</summary>
    public void Merge(ReadOnlySpan<byte> delta)
    {
        lock (_gate)
        {
            // Merge decodes everything before applying anything, so a bad delta is never logged.
            _state.Merge(delta);
            Persist(delta);
        }
    }

    /// <summary>Collects what every peer has seen (see <see cref="NodeState.CollectGarbage"/>) and, when anything was
    /// dropped, rewrites the snapshot so the file shrinks too. Returns how much was dropped.</summary>
    public int CollectGarbage(IReadOnlyCollection<NodeStateVersion> peers)
    {
        lock (_gate)
        {
            var dropped = _state.CollectGarbage(peers);
            if (dropped > 0)
            {
                _store.Compact(DocumentId, _state.Encode(), _lastSequence);
                _appendsSinceCompaction = 0;
            }

            return dropped;
        }
    }

    /// <summary>The canonical encoding of the whole state (equal on replicas that have seen the same changes).</summary>
    public byte[] Encode()
    {
        lock (_gate)
        {
            return _state.Encode();
        }
    }

    private void Persist(ReadOnlySpan<byte> delta)
    {
        _lastSequence = _store.Append(DocumentId, delta);
        if (++_appendsSinceCompaction < CompactAfterAppends)
        {
            return;
        }

        _store.Compact(DocumentId, _state.Encode(), _lastSequence);
        _appendsSinceCompaction = 0;
    }

    public void Dispose() => _store.Dispose();
}
