using Locus.Mesh.Crdt.Clocks;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Registers;

/// <summary>
/// One last-writer-wins write: its clock reading decides which write wins, its dot records it in version vectors.
/// A removal is a write too (a tombstone), so that it can win over a concurrent older set.
/// </summary>
public readonly record struct LwwEntry<T>(HlcTimestamp Stamp, ulong Counter, bool Removed, T? Value)
{
    /// <summary>The writer's event: the stamp's replica is always the writer.</summary>
    public Dot Dot => new(Stamp.Replica, Counter);

    internal void WriteTo(VarWriter writer, ReplicaTable replicas, IValueCodec<T> codec)
    {
        replicas.WriteDot(writer, Dot);
        writer.Int(Stamp.WallMs).UInt(Stamp.Logical).Byte(Removed ? (byte)1 : (byte)0);
        if (!Removed)
        {
            codec.Write(writer, Value!);
        }
    }

    internal static LwwEntry<T> ReadFrom(ref VarReader reader, ReplicaTable replicas, IValueCodec<T> codec)
    {
        var dot = replicas.ReadDot(ref reader);
        var wall = reader.Int();
        var stamp = HlcTimestamp.Read(wall, reader.UInt(), dot.Replica);
        return reader.Byte() switch
        {
            0 => new LwwEntry<T>(stamp, dot.Counter, false, codec.Read(ref reader)),
            1 => new LwwEntry<T>(stamp, dot.Counter, true, default),
            var flag => throw new FormatException($"unknown LWW entry flag {flag}"),
        };
    }
}
