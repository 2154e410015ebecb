using Locus.Mesh.Encoding;
using Locus.Mesh.State;

namespace Locus.Mesh.Node;

/// <summary>
/// One sync round, sealed in envelopes: the initiator sends its version, what it believes the responder lacks, and
/// where it can be reached; the responder merges, commits, and replies with its version and what the initiator lacks.
/// </summary>
internal sealed record SyncRequest(string SenderUrl, string SenderName, NodeStateVersion Version, byte[] Delta)
{
    private const byte Kind = 0x51;

    public byte[] Encode()
    {
        var writer = new VarWriter().Byte(Kind).String(SenderUrl).String(SenderName);
        Version.WriteTo(writer);
        return writer.Bytes(Delta).ToArray();
    }

    /// <exception cref="FormatException">Not a sync request.</exception>
    public static SyncRequest Decode(ReadOnlySpan<byte> data)
    {
        var reader = new VarReader(data);
        if (reader.Byte() != Kind)
        {
            throw new FormatException("not a sync request");
        }

        var request = new SyncRequest(reader.String(), reader.String(), NodeStateVersion.ReadFrom(ref reader), reader.Bytes().ToArray());
        return reader.End ? request : throw new FormatException("bytes after the sync request");
    }
}

internal sealed record SyncReply(string SenderName, NodeStateVersion Version, byte[] Delta)
{
    private const byte Kind = 0x52;

    public byte[] Encode()
    {
        var writer = new VarWriter().Byte(Kind).String(SenderName);
        Version.WriteTo(writer);
        return writer.Bytes(Delta).ToArray();
    }

    /// <exception cref="FormatException">Not a sync reply.</exception>
    public static SyncReply Decode(ReadOnlySpan<byte> data)
    {
        var reader = new VarReader(data);
        if (reader.Byte() != Kind)
        {
            throw new FormatException("not a sync reply");
        }

        var reply = new SyncReply(reader.String(), NodeStateVersion.ReadFrom(ref reader), reader.Bytes().ToArray());
        return reader.End ? reply : throw new FormatException("bytes after the sync reply");
    }
}
