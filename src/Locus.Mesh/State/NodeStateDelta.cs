using Locus.Mesh.Crdt.Counters;
using Locus.Mesh.Crdt.Registers;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Crdt.Text;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.State;

/// <summary>Every part's delta; texts and counters keyed by document id and budget key.</summary>
internal sealed record NodeStateDelta(
    LwwMapDelta<string> Documents,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<TextOp>>> Texts,
    LwwMapDelta<ConversationMessage> History,
    LwwMapDelta<string> Preferences,
    IReadOnlyList<KeyValuePair<string, PnCounterDelta>> Spend,
    LwwMapDelta<NodeRecord> Directory);

/// <summary>The parts in a fixed order, keyed sub-parts in strictly ascending ordinal order (canonical bytes).</summary>
internal sealed class NodeStateDeltaCodec : IDeltaCodec<NodeStateDelta>
{
    public static NodeStateDeltaCodec Instance { get; } = new();

    private static readonly LwwMapDeltaCodec<string> Strings = new(ValueCodecs.String);
    private static readonly LwwMapDeltaCodec<ConversationMessage> Messages = new(ConversationMessageCodec.Instance);
    private static readonly LwwMapDeltaCodec<NodeRecord> Nodes = new(NodeRecordCodec.Instance);

    public void Write(VarWriter writer, NodeStateDelta delta)
    {
        Strings.Write(writer, delta.Documents);
        WriteKeyed(writer, delta.Texts, TextOpCodec.Instance);
        Messages.Write(writer, delta.History);
        Strings.Write(writer, delta.Preferences);
        WriteKeyed(writer, delta.Spend, PnCounterDeltaCodec.Instance);
        Nodes.Write(writer, delta.Directory);
    }

    public NodeStateDelta Read(ref VarReader reader) => new(
        Strings.Read(ref reader),
        ReadKeyed(ref reader, TextOpCodec.Instance),
        Messages.Read(ref reader),
        Strings.Read(ref reader),
        ReadKeyed(ref reader, PnCounterDeltaCodec.Instance),
        Nodes.Read(ref reader));

    private static void WriteKeyed<T>(VarWriter writer, IReadOnlyList<KeyValuePair<string, T>> parts, IDeltaCodec<T> codec)
    {
        writer.UInt((ulong)parts.Count);
        foreach (var (key, part) in parts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.String(key);
            codec.Write(writer, part);
        }
    }

    private static List<KeyValuePair<string, T>> ReadKeyed<T>(ref VarReader reader, IDeltaCodec<T> codec)
    {
        var count = reader.Count(1 << 20);
        var parts = new List<KeyValuePair<string, T>>(Math.Min(count, 1024));
        string? previous = null;
        for (var i = 0; i < count; i++)
        {
            var key = reader.String();
            if (previous is not null && string.CompareOrdinal(previous, key) >= 0)
            {
                throw new FormatException($"part keys out of order at entry {i}");
            }

            parts.Add(new(key, codec.Read(ref reader)));
            previous = key;
        }

        return parts;
    }
}
