using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Registers;
using Locus.Mesh.Crdt.Sync;
using static Locus.Mesh.Tests.Registers.Replicas;

namespace Locus.Mesh.Tests.Registers;

public sealed class LwwMapTests
{
    [Fact]
    public void Merge_RemoveConcurrentWithOlderSet_RemoveWinsEverywhere()
    {
        var (a, timeA) = Map(1);
        var (b, _) = Map(2);
        b.Set("k", "old");
        timeA.Advance(10);
        a.Remove("k");
        var toB = a.DeltaFor(b.Version);
        Sync(b, a);
        b.Merge(toB);

        Assert.False(a.TryGetValue("k", out _));
        Assert.False(b.TryGetValue("k", out _));
        Assert.Equal(DeltaCodec.EncodeState(a), DeltaCodec.EncodeState(b));
    }

    [Fact]
    public void Merge_SetConcurrentWithOlderRemove_SetWins()
    {
        var (a, _) = Map(1);
        var (b, timeB) = Map(2);
        a.Remove("k");
        timeB.Advance(10);
        b.Set("k", "new");
        Sync(b, a);

        Assert.True(a.TryGetValue("k", out var value));
        Assert.Equal("new", value);
    }

    [Fact]
    public void DeltaFor_PeerMissingOneWrite_ContainsOnlyThatEntry()
    {
        var (a, _) = Map(1);
        var (b, _) = Map(2);
        a.Set("x", "1");
        a.Set("y", "2");
        Sync(a, b);
        a.Set("y", "3");

        var delta = a.DeltaFor(b.Version);

        Assert.Equal(["y"], delta.Entries.Select(e => e.Key));
        Assert.Empty(a.DeltaFor(a.Version).Entries);
    }

    [Fact]
    public void Encode_SameStateBuiltInDifferentOrders_SameBytes()
    {
        var (a, _) = Map(1);
        var (b, _) = Map(2);
        a.Set("zeta", "1");
        b.Set("alpha", "2");
        b.Remove("beta");
        var (left, _) = Map(3);
        var (right, _) = Map(4);
        Sync(a, left);
        Sync(b, left);
        Sync(b, right);
        Sync(a, right);

        Assert.Equal(DeltaCodec.EncodeState(left), DeltaCodec.EncodeState(right));
    }

    [Fact]
    public void CollectGarbage_OnlyAfterEveryPeerHasSeenTheRemove()
    {
        var (a, _) = Map(1);
        var (b, _) = Map(2);
        var (c, _) = Map(3);
        a.Set("k", "v");
        a.Remove("k");
        Sync(a, b);

        Assert.Equal(0, a.CollectGarbage([b.Version, c.Version]));
        Assert.Equal(1, a.TombstoneCount);

        Sync(a, c);
        Assert.Equal(1, a.CollectGarbage([b.Version, c.Version]));
        Assert.Equal(0, a.TombstoneCount);
        Assert.False(a.TryGetValue("k", out _));
    }

    [Fact]
    public void CollectGarbage_PeerReportedButItsConcurrentWriteNotMergedYet_WaitsThenStaleWriteStaysDead()
    {
        var (a, timeA) = Map(1);
        var (b, _) = Map(2);
        b.Set("k", "concurrent, older");
        var staleFromB = b.DeltaFor(a.Version);
        timeA.Advance(10);
        a.Remove("k");
        Sync(a, b); // b has seen the remove, and a hears b's vector (a pull request) without b's state

        Assert.Equal(0, a.CollectGarbage([b.Version]));

        Sync(b, a);
        Assert.Equal(1, a.CollectGarbage([b.Version]));
        a.Merge(staleFromB);
        Assert.False(a.TryGetValue("k", out _));
    }

    [Fact]
    public void Merge_StaleDuplicateAfterCollection_DoesNotResurrect()
    {
        var (a, _) = Map(1);
        var (b, timeB) = Map(2);
        a.Set("k", "v");
        var stale = a.DeltaFor(b.Version);
        Sync(a, b);
        timeB.Advance(5);
        b.Remove("k");
        Sync(b, a);
        a.CollectGarbage([b.Version]);
        b.CollectGarbage([a.Version]);
        b.Merge(stale);

        Assert.Equal(0, b.TombstoneCount);
        Assert.False(b.TryGetValue("k", out _));
        Assert.Equal(DeltaCodec.EncodeState(a), DeltaCodec.EncodeState(b));
    }
}
