using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Sync;

/// <summary>
/// Frames any delta as a self-contained message: a format version byte, then the codec's body, and nothing after it
/// (trailing bytes mean a truncated or spliced message and are refused).
/// </summary>
public static class DeltaCodec
{
    public const byte FormatVersion = 1;

    public static byte[] ToBytes<TDelta>(IDeltaCodec<TDelta> codec, TDelta delta)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var writer = new VarWriter().Byte(FormatVersion);
        codec.Write(writer, delta);
        return writer.ToArray();
    }

    public static TDelta FromBytes<TDelta>(IDeltaCodec<TDelta> codec, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var reader = new VarReader(data);
        var version = reader.Byte();
        if (version != FormatVersion)
        {
            throw new FormatException($"unknown delta format version {version}");
        }

        var delta = codec.Read(ref reader);
        if (!reader.End)
        {
            throw new FormatException($"{data.Length - reader.Position} trailing bytes after the delta");
        }

        return delta;
    }

    /// <summary>The canonical encoding of a replica's whole state.</summary>
    public static byte[] EncodeState<TDelta>(IDeltaCrdt<TDelta> crdt)
    {
        ArgumentNullException.ThrowIfNull(crdt);
        var writer = new VarWriter().Byte(FormatVersion);
        crdt.Encode(writer);
        return writer.ToArray();
    }

    /// <summary>Catches <paramref name="target"/> up with <paramref name="source"/> through an encoded delta, as sync does.</summary>
    public static void SyncThroughBytes<TDelta>(IDeltaCrdt<TDelta> source, IDeltaCrdt<TDelta> target, IDeltaCodec<TDelta> codec)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        target.Merge(FromBytes(codec, ToBytes(codec, source.DeltaFor(target.Version))));
    }
}
