using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Clocks;

/// <summary>
/// A hybrid logical clock reading: physical milliseconds since the Unix epoch, a logical counter that orders events
/// within one millisecond (or while the physical clock lags), and the replica as the last tie-break — so two readings
/// from different replicas are never equal and last-writer-wins has a total order.
/// </summary>
public readonly record struct HlcTimestamp(long WallMs, uint Logical, ReplicaId Replica) : IComparable<HlcTimestamp>
{
    /// <summary>The largest wall time accepted from peers (2^53 ms: far past any real clock, far below overflow).</summary>
    public const long MaxWallMs = 1L << 53;

    /// <summary>Checks a wall time and logical counter read from peer bytes.</summary>
    internal static HlcTimestamp Read(long wallMs, ulong logical, ReplicaId replica)
    {
        if (wallMs is < 0 or > MaxWallMs)
        {
            throw new FormatException($"HLC wall time {wallMs} out of range");
        }

        if (logical > uint.MaxValue)
        {
            throw new FormatException($"HLC logical counter {logical} exceeds 32 bits");
        }

        return new HlcTimestamp(wallMs, (uint)logical, replica);
    }

    public int CompareTo(HlcTimestamp other)
    {
        var byWall = WallMs.CompareTo(other.WallMs);
        if (byWall != 0)
        {
            return byWall;
        }

        var byLogical = Logical.CompareTo(other.Logical);
        return byLogical != 0 ? byLogical : Replica.CompareTo(other.Replica);
    }

    public static bool operator <(HlcTimestamp left, HlcTimestamp right) => left.CompareTo(right) < 0;

    public static bool operator >(HlcTimestamp left, HlcTimestamp right) => left.CompareTo(right) > 0;

    public static bool operator <=(HlcTimestamp left, HlcTimestamp right) => left.CompareTo(right) <= 0;

    public static bool operator >=(HlcTimestamp left, HlcTimestamp right) => left.CompareTo(right) >= 0;

    public void WriteTo(VarWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Int(WallMs).UInt(Logical).Fixed64(Replica.Value);
    }

    public static HlcTimestamp ReadFrom(ref VarReader reader)
    {
        var wall = reader.Int();
        var logical = reader.UInt();
        return Read(wall, logical, new ReplicaId(reader.Fixed64()));
    }

    public override string ToString() => $"{WallMs}.{Logical}@{Replica}";
}
