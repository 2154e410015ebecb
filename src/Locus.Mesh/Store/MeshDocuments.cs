using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Clocks;
using Locus.Mesh.Crdt.Counters;
using Locus.Mesh.Crdt.Registers;
using Locus.Mesh.Crdt.Sets;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Crdt.Text;
using Locus.Mesh.State;

namespace Locus.Mesh.Store;

/// <summary>A document loaded from the store, and the newest log entry it contains (what a compaction may trim).</summary>
public sealed record LoadedDocument<T>(T Document, long Sequence);

/// <summary>
/// Typed access to stored documents: append a CRDT's delta, load a CRDT by replaying its snapshot and log, and compact.
/// Text logs <see cref="TextOp"/> batches (<see cref="TextOpCodec"/>); the other kinds log their own deltas
/// (usually <c>DeltaFor(versionBeforeTheEdit)</c>). Replaying is merging, so a delta logged twice is harmless.
/// </summary>
public static class MeshDocuments
{
    public static long AppendText(this IMeshStore store, string documentId, IReadOnlyList<TextOp> ops)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Append(documentId, DeltaCodec.ToBytes(TextOpCodec.Instance, ops));
    }

    public static long AppendDelta<TDelta>(this IMeshStore store, string documentId, IDeltaCodec<TDelta> codec, TDelta delta)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Append(documentId, DeltaCodec.ToBytes(codec, delta));
    }

    public static LoadedDocument<TextDocument> LoadText(this IMeshStore store, string documentId, ReplicaId replica)
    {
        var stored = Read(store, documentId, DocumentKind.Text);
        var document = Decode(stored, "snapshot", () => stored.Snapshot is { } snapshot ? TextDocument.Decode(snapshot, replica) : new TextDocument(replica));
        foreach (var entry in stored.Log)
        {
            var ops = Decode(stored, $"log entry {entry.Sequence}", () => DeltaCodec.FromBytes(TextOpCodec.Instance, entry.Body));
            document.ApplyAll(ops);
        }

        // An op whose origins never arrived would wait in memory and be missing from the text: the log is incomplete.
        if (document.PendingCount > 0)
        {
            throw new MeshStoreException(documentId, $"{document.PendingCount} logged text operations refer to characters the store does not have");
        }

        return new(document, stored.LastSequence);
    }

    public static LoadedDocument<LwwMap<T>> LoadMap<T>(this IMeshStore store, string documentId, ReplicaId replica, HybridLogicalClock clock, IValueCodec<T> values)
    {
        var map = new LwwMap<T>(replica, clock, values);
        var codec = new LwwMapDeltaCodec<T>(values);
        return Replay(store, documentId, DocumentKind.LwwMap, map, codec);
    }

    public static LoadedDocument<OrSet<T>> LoadSet<T>(this IMeshStore store, string documentId, ReplicaId replica, IValueCodec<T> values) where T : notnull =>
        Replay(store, documentId, DocumentKind.OrSet, new OrSet<T>(replica, values), new OrSetDeltaCodec<T>(values));

    public static LoadedDocument<PnCounter> LoadCounter(this IMeshStore store, string documentId, ReplicaId replica) =>
        Replay(store, documentId, DocumentKind.PnCounter, new PnCounter(replica), PnCounterDeltaCodec.Instance);

    /// <summary>A node's replicated state: its snapshot (<see cref="NodeState.Encode"/>) merged with every logged delta.</summary>
    public static LoadedDocument<NodeState> LoadNodeState(this IMeshStore store, string documentId, ReplicaId replica, HybridLogicalClock clock)
    {
        var stored = Read(store, documentId, DocumentKind.NodeState);
        var state = new NodeState(replica, clock);
        if (stored.Snapshot is { } snapshot)
        {
            Decode(stored, "snapshot", () => { state.Merge(snapshot); return true; });
        }

        foreach (var entry in stored.Log)
        {
            Decode(stored, $"log entry {entry.Sequence}", () => { state.Merge(entry.Body); return true; });
        }

        return new(state, stored.LastSequence);
    }

    /// <summary>Writes <paramref name="loaded"/>'s whole state as the new snapshot and trims the log entries it contains.</summary>
    public static void CompactText(this IMeshStore store, string documentId, LoadedDocument<TextDocument> loaded)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(loaded);
        store.Compact(documentId, loaded.Document.Encode(), loaded.Sequence);
    }

    /// <summary>Writes <paramref name="crdt"/>'s whole state as the new snapshot and trims the log entries through <paramref name="throughSequence"/>, which it must contain.</summary>
    public static void CompactState<TDelta>(this IMeshStore store, string documentId, IDeltaCrdt<TDelta> crdt, long throughSequence)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.Compact(documentId, DeltaCodec.EncodeState(crdt), throughSequence);
    }

    private static LoadedDocument<TCrdt> Replay<TCrdt, TDelta>(IMeshStore store, string documentId, DocumentKind kind, TCrdt crdt, IDeltaCodec<TDelta> codec)
        where TCrdt : IDeltaCrdt<TDelta>
    {
        var stored = Read(store, documentId, kind);
        if (stored.Snapshot is { } snapshot)
        {
            crdt.Merge(Decode(stored, "snapshot", () => DeltaCodec.FromBytes(codec, snapshot)));
        }

        foreach (var entry in stored.Log)
        {
            crdt.Merge(Decode(stored, $"log entry {entry.Sequence}", () => DeltaCodec.FromBytes(codec, entry.Body)));
        }

        return new(crdt, stored.LastSequence);
    }

    private static StoredDocument Read(IMeshStore store, string documentId, DocumentKind kind)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stored = store.Read(documentId);
        return stored.Kind == kind ? stored : throw new MeshStoreException(documentId, $"is a {stored.Kind} document, not {kind}");
    }

    private static T Decode<T>(StoredDocument stored, string what, Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (FormatException error)
        {
            throw new MeshStoreException(stored.Id, $"its {what} does not decode ({error.Message})", error);
        }
    }
}
