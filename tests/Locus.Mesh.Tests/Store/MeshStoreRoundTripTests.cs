using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Clocks;
using Locus.Mesh.Crdt.Counters;
using Locus.Mesh.Crdt.Registers;
using Locus.Mesh.Crdt.Sets;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Crdt.Text;
using Locus.Mesh.Store;

namespace Locus.Mesh.Tests.Store;

public sealed class MeshStoreRoundTripTests
{
    private static readonly ReplicaId Me = new(7), Peer = new(9);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LoadText_LocalAndRemoteEdits_SameTextAndEncodingAfterReopen(bool compactHalfway)
    {
        using var folder = new StoreFolder();
        var (doc, peer) = (new TextDocument(Me), new TextDocument(Peer));
        using (var store = MeshStore.Open(folder.StorePath))
        {
            store.Create("notes", DocumentKind.Text);
            var random = new Random(3);
            for (var i = 0; i < 200; i++)
            {
                var ops = new List<TextOp> { doc.Insert(random.Next(doc.Length + 1), $"é{i}🙂") };
                if (i % 7 == 3)
                {
                    ops.Add(doc.Delete(random.Next(doc.Length - 2), 2));
                }

                var last = store.AppendText("notes", ops);
                if (i % 10 == 0)
                {
                    var remote = peer.Insert(0, $"peer{i}");
                    doc.Apply(remote);
                    last = store.AppendText("notes", [remote]);
                }

                if (compactHalfway && i == 100)
                {
                    store.Compact("notes", doc.Encode(), last);
                }
            }
        }

        using var reopened = MeshStore.Open(folder.StorePath);
        var loaded = reopened.LoadText("notes", Me).Document;
        Assert.Equal(doc.ToString(), loaded.ToString());
        Assert.Equal(doc.Encode(), loaded.Encode());
        // The reloaded replica continues its own counters rather than reusing ids.
        var next = loaded.Insert(0, "x");
        Assert.Equal(doc.Version[Me] + 1, next.Id.Counter);
    }

    [Fact]
    public void LoadMap_SetsRemovesAndCompaction_SameStateAndNewWritesStillWin()
    {
        using var folder = new StoreFolder();
        var clock = new HybridLogicalClock(Me, TimeProvider.System);
        var map = new LwwMap<string>(Me, clock, ValueCodecs.String);
        var codec = new LwwMapDeltaCodec<string>(ValueCodecs.String);
        using var store = MeshStore.Open(folder.StorePath);
        store.Create("prefs", DocumentKind.LwwMap);
        long last = 0;
        for (var i = 0; i < 60; i++)
        {
            var before = map.Version;
            if (i % 5 == 4)
            {
                map.Remove($"k{i - 2}");
            }
            else
            {
                map.Set($"k{i % 17}", $"v{i}");
            }

            last = store.AppendDelta("prefs", codec, map.DeltaFor(before));
            if (i == 30)
            {
                store.CompactState("prefs", map, last);
            }
        }

        var loaded = store.LoadMap("prefs", Me, new HybridLogicalClock(Me, TimeProvider.System), ValueCodecs.String);
        Assert.Equal(DeltaCodec.EncodeState(map), DeltaCodec.EncodeState(loaded.Document));
        Assert.Equal(last, loaded.Sequence);
        loaded.Document.Set("k1", "after");
        Assert.True(loaded.Document.TryGetValue("k1", out var value));
        Assert.Equal("after", value);
    }

    [Fact]
    public void LoadSet_AddsAndRemoves_SameElementsAfterCompactAndMoreAppends()
    {
        using var folder = new StoreFolder();
        var set = new OrSet<string>(Me, ValueCodecs.String);
        var codec = new OrSetDeltaCodec<string>(ValueCodecs.String);
        using var store = MeshStore.Open(folder.StorePath);
        store.Create("tags", DocumentKind.OrSet);
        for (var i = 0; i < 40; i++)
        {
            var before = set.Version;
            set.Add($"e{i}");
            var sequence = store.AppendDelta("tags", codec, set.DeltaFor(before));
            if (i % 3 == 0)
            {
                before = set.Version;
                set.Remove($"e{i / 2}");
                sequence = store.AppendDelta("tags", codec, set.DeltaFor(before));
            }

            if (i == 20)
            {
                store.CompactState("tags", set, sequence);
            }
        }

        var loaded = store.LoadSet("tags", Me, ValueCodecs.String).Document;
        Assert.Equal(set.Elements.Order(), loaded.Elements.Order());
        Assert.Equal(DeltaCodec.EncodeState(set), DeltaCodec.EncodeState(loaded));
    }

    [Fact]
    public void LoadCounter_IncrementsDecrementsAndAPeer_SameValue()
    {
        using var folder = new StoreFolder();
        var (counter, peer) = (new PnCounter(Me), new PnCounter(Peer));
        using var store = MeshStore.Open(folder.StorePath);
        store.Create("spend", DocumentKind.PnCounter);
        for (var i = 1; i <= 30; i++)
        {
            var before = counter.Version;
            if (i % 4 == 0)
            {
                counter.Decrement((ulong)i);
            }
            else
            {
                counter.Increment((ulong)i);
            }

            if (i % 10 == 0)
            {
                peer.Increment(1000);
                counter.Merge(peer.DeltaFor(new VersionVector()));
            }

            store.AppendDelta("spend", PnCounterDeltaCodec.Instance, counter.DeltaFor(before));
        }

        Assert.Equal(counter.Value, store.LoadCounter("spend", Me).Document.Value);
    }

    [Fact]
    public void Compact_TrimsLogInSameTransaction_ReadSeesSnapshotAndOnlyLaterEntries()
    {
        using var folder = new StoreFolder();
        using var store = MeshStore.Open(folder.StorePath);
        store.Create("spend", DocumentKind.PnCounter);
        var counter = new PnCounter(Me);
        var sequences = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var before = counter.Version;
            counter.Increment();
            sequences.Add(store.AppendDelta("spend", PnCounterDeltaCodec.Instance, counter.DeltaFor(before)));
        }

        store.Compact("spend", DeltaCodec.EncodeState(counter), sequences[2]);
        var stored = store.Read("spend");

        Assert.Equal(sequences[2], stored.SnapshotSequence);
        Assert.Equal(sequences[3..], stored.Log.Select(e => e.Sequence));
        Assert.Equal(5, store.LoadCounter("spend", Me).Document.Value);
    }
}
