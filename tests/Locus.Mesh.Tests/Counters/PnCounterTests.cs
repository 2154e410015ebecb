using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Counters;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Tests.Counters;

public sealed class PnCounterTests
{
    private static void Sync(PnCounter source, PnCounter target) => target.Merge(source.DeltaFor(target.Version));

    [Fact]
    public void Value_IncrementsAndDecrementsOnSeveralReplicas_SumEverywhere()
    {
        var (a, b, c) = (new PnCounter(new(1)), new PnCounter(new(2)), new PnCounter(new(3)));
        a.Increment(10);
        b.Decrement(3);
        c.Increment();
        c.Decrement(20);
        foreach (var (from, to) in new[] { (a, b), (b, c), (c, a), (a, b) })
        {
            Sync(from, to);
        }

        Assert.Equal(-12, a.Value);
        Assert.Equal(-12, b.Value);
        Assert.Equal(-12, c.Value);
    }

    [Fact]
    public void Merge_SameDeltaTwice_CountedOnce()
    {
        var (a, b) = (new PnCounter(new(1)), new PnCounter(new(2)));
        a.Increment(5);
        var delta = a.DeltaFor(b.Version);
        b.Merge(delta);
        b.Merge(delta);

        Assert.Equal(5, b.Value);
    }

    [Fact]
    public void DeltaFor_PeerHasSeenOneReplica_CarriesOnlyTheOther()
    {
        var (a, b, c) = (new PnCounter(new(1)), new PnCounter(new(2)), new PnCounter(new(3)));
        a.Increment();
        b.Increment();
        Sync(b, a);
        Sync(a, c); // c has seen a's and b's first increments
        b.Increment();
        Sync(b, a);

        Assert.Equal([new ReplicaId(2)], a.DeltaFor(c.Version).Entries.Select(e => e.Replica));
        Assert.Empty(a.DeltaFor(a.Version).Entries);
    }

    [Fact]
    public void Load_ZeroOperationsOrUnorderedReplicas_ThrowsFormatException()
    {
        static byte[] Encoded(params (ulong Replica, ulong Ops)[] entries)
        {
            var writer = new VarWriter().Byte(DeltaCodec.FormatVersion).UInt((ulong)entries.Length);
            foreach (var (replica, ops) in entries)
            {
                writer.Fixed64(replica).UInt(ops).UInt(ops).UInt(0);
            }

            return writer.ToArray();
        }

        Assert.Throws<FormatException>(() => new PnCounter(new(9)).Load(Encoded((1, 0))));
        Assert.Throws<FormatException>(() => new PnCounter(new(9)).Load(Encoded((2, 1), (1, 1))));
        var loaded = new PnCounter(new(9));
        loaded.Load(Encoded((1, 4), (2, 1)));
        Assert.Equal(5, loaded.Value);
    }
}
