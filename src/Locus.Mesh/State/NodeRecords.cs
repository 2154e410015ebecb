using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.State;

/// <summary>A node's directory entry: what it serves and how loaded it is, as it last reported.</summary>
public sealed record NodeRecord(IReadOnlyList<string> Models, string HardwareProfileId, double Load, double ThermalHeadroom, long LastSeenMs);

/// <summary>One message of a conversation; never changed once appended.</summary>
public sealed record ConversationMessage(string ConversationId, string Role, string Content);

/// <summary>Value codecs for the records above; doubles are written as raw bits so equal values give equal bytes.</summary>
internal sealed class NodeRecordCodec : IValueCodec<NodeRecord>
{
    public static NodeRecordCodec Instance { get; } = new();

    public void Write(VarWriter writer, NodeRecord value)
    {
        writer.UInt((ulong)value.Models.Count);
        foreach (var model in value.Models)
        {
            writer.String(model);
        }

        writer.String(value.HardwareProfileId)
            .Fixed64(BitConverter.DoubleToUInt64Bits(value.Load))
            .Fixed64(BitConverter.DoubleToUInt64Bits(value.ThermalHeadroom))
            .Int(value.LastSeenMs);
    }

    public NodeRecord Read(ref VarReader reader)
    {
        var count = reader.Count(4096);
        var models = new string[count];
        for (var i = 0; i < count; i++)
        {
            models[i] = reader.String();
        }

        var profile = reader.String();
        var load = BitConverter.UInt64BitsToDouble(reader.Fixed64());
        var thermal = BitConverter.UInt64BitsToDouble(reader.Fixed64());
        return new NodeRecord(models, profile, load, thermal, reader.Int());
    }
}

internal sealed class ConversationMessageCodec : IValueCodec<ConversationMessage>
{
    public static ConversationMessageCodec Instance { get; } = new();

    public void Write(VarWriter writer, ConversationMessage value) =>
        writer.String(value.ConversationId).String(value.Role).String(value.Content);

    public ConversationMessage Read(ref VarReader reader) => new(reader.String(), reader.String(), reader.String());
}
