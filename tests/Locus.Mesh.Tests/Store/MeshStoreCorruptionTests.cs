using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Counters;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Crdt.Text;
using Locus.Mesh.Store;

namespace Locus.Mesh.Tests.Store;

public sealed class MeshStoreCorruptionTests
{
    private static readonly ReplicaId Me = new(7);

    private static (StoreFolder Folder, IMeshStore Store, long Second) TextStore()
    {
        var folder = new StoreFolder();
        var store = MeshStore.Open(folder.StorePath);
        store.Create("notes", DocumentKind.Text);
        var doc = new TextDocument(Me);
        store.AppendText("notes", [doc.Insert(0, "hello")]);
        var second = store.AppendText("notes", [doc.Insert(5, " world")]);
        store.AppendText("notes", [doc.Delete(0, 1)]);
        return (folder, store, second);
    }

    [Fact]
    public void LoadText_FlippedByteInLogEntry_ErrorNamesDocumentAndEntry()
    {
        var (folder, store, second) = TextStore();
        using (folder)
        using (store)
        {
            folder.Execute("UPDATE deltas SET body = CAST(substr(body, 1, 5) || X'FF' || substr(body, 7) AS BLOB) WHERE seq = $seq", ("$seq", second));

            var error = Assert.Throws<MeshStoreException>(() => store.LoadText("notes", Me));
            Assert.Equal("notes", error.DocumentId);
            Assert.Contains($"entry {second}", error.Message, StringComparison.Ordinal);
            Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LoadText_TruncatedEntryWithMatchingChecksum_DecodeErrorNamesDocument()
    {
        var (folder, store, second) = TextStore();
        using (folder)
        using (store)
        {
            // Damage that also rewrote the checksum (a buggy writer, not the disk) must still not pass as a change.
            var body = store.Read("notes").Log.Single(e => e.Sequence == second).Body[..^2];
            folder.Execute("UPDATE deltas SET body = $body, check_sum = $check WHERE seq = $seq",
                ("$body", body), ("$check", Checksum.Of(body)), ("$seq", second));

            var error = Assert.Throws<MeshStoreException>(() => store.LoadText("notes", Me));
            Assert.Equal("notes", error.DocumentId);
            Assert.Contains("does not decode", error.Message, StringComparison.Ordinal);
            Assert.IsType<FormatException>(error.InnerException);
        }
    }

    [Fact]
    public void LoadText_LogEntryMissingItsPredecessor_RefusedNotSilentlyShort()
    {
        var (folder, store, _) = TextStore();
        using (folder)
        using (store)
        {
            folder.Execute("DELETE FROM deltas WHERE seq = (SELECT min(seq) FROM deltas)");

            var error = Assert.Throws<MeshStoreException>(() => store.LoadText("notes", Me));
            Assert.Equal("notes", error.DocumentId);
        }
    }

    [Fact]
    public void LoadCounter_DamagedSnapshot_ErrorNamesDocument()
    {
        using var folder = new StoreFolder();
        using var store = MeshStore.Open(folder.StorePath);
        store.Create("spend", DocumentKind.PnCounter);
        var counter = new PnCounter(Me);
        counter.Increment(5);
        var sequence = store.AppendDelta("spend", PnCounterDeltaCodec.Instance, counter.DeltaFor(new VersionVector()));
        store.CompactState("spend", counter, sequence);
        folder.Execute("UPDATE documents SET snapshot = X'0102' WHERE id = 'spend'");

        var error = Assert.Throws<MeshStoreException>(() => store.LoadCounter("spend", Me));
        Assert.Equal("spend", error.DocumentId);
        Assert.Contains("snapshot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownKindInFile_ErrorNamesDocument()
    {
        using var folder = new StoreFolder();
        using var store = MeshStore.Open(folder.StorePath);
        store.Create("tags", DocumentKind.OrSet);
        folder.Execute("UPDATE documents SET kind = 'bag' WHERE id = 'tags'");

        var error = Assert.Throws<MeshStoreException>(() => store.Read("tags"));
        Assert.Equal("tags", error.DocumentId);
        Assert.Contains("'bag'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ExistingIdOfOtherKind_Refused()
    {
        using var folder = new StoreFolder();
        using var store = MeshStore.Open(folder.StorePath);
        store.Create("prefs", DocumentKind.LwwMap);
        store.Create("prefs", DocumentKind.LwwMap);

        var error = Assert.Throws<MeshStoreException>(() => store.Create("prefs", DocumentKind.Text));
        Assert.Equal("prefs", error.DocumentId);
    }

    [Fact]
    public void Append_UnknownDocument_RefusedAndNothingStored()
    {
        using var folder = new StoreFolder();
        using var store = MeshStore.Open(folder.StorePath);

        var error = Assert.Throws<MeshStoreException>(() => store.Append("ghost", [1, 2, 3]));
        Assert.Equal("ghost", error.DocumentId);
        Assert.Empty(store.Documents());
    }

    [Fact]
    public void Compact_OlderThanCurrentSnapshot_RefusedAndNewerSnapshotKept()
    {
        using var folder = new StoreFolder();
        using var store = MeshStore.Open(folder.StorePath);
        store.Create("spend", DocumentKind.PnCounter);
        var counter = new PnCounter(Me);
        counter.Increment();
        var first = store.AppendDelta("spend", PnCounterDeltaCodec.Instance, counter.DeltaFor(new VersionVector()));
        var stale = DeltaCodec.EncodeState(counter);
        counter.Increment();
        var second = store.AppendDelta("spend", PnCounterDeltaCodec.Instance, counter.DeltaFor(new VersionVector()));
        store.CompactState("spend", counter, second);

        Assert.Throws<MeshStoreException>(() => store.Compact("spend", stale, first));
        Assert.Equal(2, store.LoadCounter("spend", Me).Document.Value);
    }

}
