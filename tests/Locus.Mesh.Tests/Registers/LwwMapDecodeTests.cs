using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Registers;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Encoding;
using static Locus.Mesh.Tests.Registers.Replicas;

namespace Locus.Mesh.Tests.Registers;

/// <summary>Peer bytes that are malformed or non-canonical are refused and leave the replica as it was.</summary>
public sealed class LwwMapDecodeTests
{
    private static readonly LwwMapDeltaCodec<string> Codec = new(ValueCodecs.String);

    private static byte[] Valid()
    {
        var (map, _) = Map(1);
        map.Set("a", "1");
        map.Remove("b");
        return DeltaCodec.EncodeState(map);
    }

    [Fact]
    public void Load_EveryTruncation_ThrowsFormatExceptionAndChangesNothing()
    {
        var valid = Valid();
        for (var length = 0; length < valid.Length; length++)
        {
            var (map, _) = Map(2);
            Assert.Throws<FormatException>(() => map.Load(valid.AsSpan(0, length)));
            Assert.Equal(0, map.Count + map.TombstoneCount);
        }
    }

    [Fact]
    public void Load_TrailingByteOrWrongVersion_ThrowsFormatException()
    {
        var (map, _) = Map(2);
        Assert.Throws<FormatException>(() => map.Load([.. Valid(), 0]));
        Assert.Throws<FormatException>(() => map.Load([9, .. Valid().AsSpan(1)]));
    }

    [Fact]
    public void Load_KeysOutOfOrder_ThrowsFormatException()
    {
        var context = new VersionVector();
        context.Observe(new Dot(new ReplicaId(1), 2));
        var entry = new LwwEntry<string>(new(1, 0, new ReplicaId(1)), 1, false, "v");
        var second = entry with { Counter = 2 };
        var writer = new VarWriter().Byte(DeltaCodec.FormatVersion);
        context.WriteTo(writer);
        writer.UInt(2);
        writer.String("b");
        WriteEntry(writer, 0, entry);
        writer.String("a");
        WriteEntry(writer, 0, second);
        var (map, _) = Map(2);

        Assert.Throws<FormatException>(() => map.Load(writer.ToArray()));
    }

    [Fact]
    public void Load_DotOutsideContext_ThrowsFormatException()
    {
        var context = new VersionVector();
        context.Observe(new Dot(new ReplicaId(1), 1));
        var writer = new VarWriter().Byte(DeltaCodec.FormatVersion);
        context.WriteTo(writer);
        writer.UInt(1).String("a");
        WriteEntry(writer, 0, new LwwEntry<string>(new(1, 0, new ReplicaId(1)), 5, false, "v"));
        var (map, _) = Map(2);

        Assert.Throws<FormatException>(() => map.Load(writer.ToArray()));
        Assert.Throws<FormatException>(() => DeltaCodec.FromBytes(Codec, writer.ToArray()));
    }

    // Mirrors the entry layout: replica index, counter, wall, logical, flag, value.
    private static void WriteEntry(VarWriter writer, int replicaIndex, LwwEntry<string> entry) =>
        writer.UInt((ulong)replicaIndex).UInt(entry.Counter).Int(entry.Stamp.WallMs).UInt(entry.Stamp.Logical).Byte(0).String(entry.Value!);
}
