using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Text;

/// <summary>
/// The first varint of an encoded run: its state, how each origin is written, whether the replica changes, and its
/// length. The 27 common combinations (same replica; each origin adjacent, k runs away or as the previous run's) take
/// 5 bits, so a run of up to 4 characters costs one byte for all of that; anything else is escaped.
/// </summary>
internal static class RunHeader
{
    public const int Visible = 0, Deleted = 1, Collected = 2;
    public const int Adjacent = 0, RunsAway = 1, AsPrevious = 2, None = 3, Explicit = 4;
    private const int Escape = 27;

    public static void Write(VarWriter writer, int state, int left, int right, bool sameReplica, int length, int replicaRank)
    {
        var lengthBits = (ulong)(uint)(length - 1) << 5;
        if (sameReplica && left < None && right < None)
        {
            writer.UInt((uint)(state * 9 + left * 3 + right) | lengthBits);
        }
        else
        {
            writer.UInt(Escape | lengthBits).UInt((uint)(state | left << 2 | right << 5)).UInt((ulong)replicaRank);
        }
    }

    /// <summary>Reads a header; <c>Replica</c> is -1 when the run has the previous run's replica.</summary>
    public static (int State, int Left, int Right, int Replica, int Length) Read(ref VarReader reader, int replicaCount)
    {
        var packed = reader.UInt();
        var code = (int)(packed & 31);
        if (code > Escape || packed >> 5 >= int.MaxValue / 2)
        {
            throw new FormatException("invalid run header");
        }

        var length = (int)(packed >> 5) + 1;
        if (code < Escape)
        {
            return (code / 9, code / 3 % 3, code % 3, -1, length);
        }

        var full = reader.UInt();
        var (state, left, right) = ((int)(full & 3), (int)(full >> 2 & 7), (int)(full >> 5 & 7));
        if (full >= 256 || state > Collected || left > Explicit || right > Explicit)
        {
            throw new FormatException("invalid run header");
        }

        var replica = reader.UInt();
        return replica < (ulong)replicaCount ? (state, left, right, (int)replica, length) : throw new FormatException("replica index out of range");
    }
}
