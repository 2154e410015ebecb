using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Sets;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Tests.Sets;

public sealed class OrSetTests
{
    private static OrSet<string> Replica(ulong id) => new(new ReplicaId(id), ValueCodecs.String);

    private static readonly OrSetDeltaCodec<string> Codec = new(ValueCodecs.String);

    // Through the wire format, as sync will do it.
    private static void Sync(OrSet<string> source, OrSet<string> target) => DeltaCodec.SyncThroughBytes(source, target, Codec);

    [Fact]
    public void Merge_AddConcurrentWithRemove_AddWinsOnBothSides()
    {
        var (a, b) = (Replica(1), Replica(2));
        a.Add("x");
        Sync(a, b);
        a.Remove("x");
        b.Add("x"); // concurrent: b re-adds without having seen the remove
        var toB = a.DeltaFor(b.Version);
        Sync(b, a);
        b.Merge(toB);

        Assert.True(a.Contains("x"));
        Assert.True(b.Contains("x"));
        Assert.Equal(DeltaCodec.EncodeState(a), DeltaCodec.EncodeState(b));
    }

    [Fact]
    public void Remove_ObservedAdd_RemovedOnPeerThroughDelta()
    {
        var (a, b) = (Replica(1), Replica(2));
        a.Add("x");
        a.Add("y");
        Sync(a, b);
        b.Remove("x");
        Sync(b, a);

        Assert.Equal(["y"], a.Elements);
        Assert.Equal(["y"], b.Elements);
    }

    [Fact]
    public void Remove_NeverSeenAdd_DoesNotAffectIt()
    {
        var (a, b) = (Replica(1), Replica(2));
        a.Add("x");
        b.Remove("x");
        Sync(b, a);

        Assert.True(a.Contains("x"));
    }

    [Fact]
    public void Encode_ManyAddsThenRemoves_NoTombstonesLeft()
    {
        var (a, b) = (Replica(1), Replica(2));
        for (var i = 0; i < 500; i++)
        {
            a.Add($"element-{i}");
        }

        Sync(a, b);
        for (var i = 0; i < 500; i++)
        {
            b.Remove($"element-{i}");
        }

        b.Add("survivor");
        Sync(b, a);

        // The state is the vector and one element; nothing grows with the 500 removals.
        Assert.Equal(["survivor"], a.Elements);
        Assert.True(DeltaCodec.EncodeState(a).Length < 64, $"{DeltaCodec.EncodeState(a).Length} bytes");
    }

    [Fact]
    public void DeltaFor_PeerUpToDate_CarriesNoElements()
    {
        var (a, b) = (Replica(1), Replica(2));
        a.Add("x");
        Sync(a, b);

        Assert.Empty(a.DeltaFor(b.Version).Entries);
        Assert.Single(a.DeltaFor(b.Version).Alive);
    }

    [Fact]
    public void Load_ElementsOutOfOrderOrWithoutDots_ThrowsFormatException()
    {
        var context = new VersionVector();
        context.Observe(new Dot(new ReplicaId(1), 2));
        Assert.Throws<FormatException>(() => Replica(9).Load(Encoded(context, ("b", 1), ("a", 1))));
        Assert.Throws<FormatException>(() => Replica(9).Load(Encoded(context, ("a", 0))));
        Assert.Throws<FormatException>(() => Replica(9).Load(Encoded(context, ("a", 3))));
        Replica(9).Load(Encoded(context, ("a", 1), ("b", 2)));
    }

    // Elements with one dot of replica 1 (counter 0: no dots at all), then no alive dots.
    private static byte[] Encoded(VersionVector context, params (string Element, ulong Counter)[] entries)
    {
        var writer = new VarWriter().Byte(DeltaCodec.FormatVersion);
        context.WriteTo(writer);
        writer.UInt((ulong)entries.Length);
        foreach (var (element, counter) in entries)
        {
            writer.Bytes(new VarWriter().String(element).ToArray());
            if (counter == 0)
            {
                writer.UInt(0);
            }
            else
            {
                writer.UInt(1).UInt(0).UInt(counter);
            }
        }

        return writer.UInt(0).ToArray();
    }
}
