using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Registers;

/// <summary>The sender's version vector and, when the peer lacks it, the sender's current write.</summary>
public sealed record LwwRegisterDelta<T>(VersionVector Context, LwwEntry<T>? Entry);

/// <summary>Context, then a presence byte and the write.</summary>
public sealed class LwwRegisterDeltaCodec<T>(IValueCodec<T> values) : IDeltaCodec<LwwRegisterDelta<T>>
{
    public void Write(VarWriter writer, LwwRegisterDelta<T> delta)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(delta);
        delta.Context.WriteTo(writer);
        writer.Byte(delta.Entry is null ? (byte)0 : (byte)1);
        delta.Entry?.WriteTo(writer, new ReplicaTable(delta.Context), values);
    }

    public LwwRegisterDelta<T> Read(ref VarReader reader)
    {
        var context = VersionVector.ReadFrom(ref reader);
        return reader.Byte() switch
        {
            0 => new LwwRegisterDelta<T>(context, null),
            1 => new LwwRegisterDelta<T>(context, LwwEntry<T>.ReadFrom(ref reader, new ReplicaTable(context), values)),
            var flag => throw new FormatException($"unknown register presence flag {flag}"),
        };
    }
}
