using Locus.Mesh.Encoding;

namespace Locus.Mesh.Crdt.Sync;

/// <summary>Writes and reads one kind of delta. Reading throws <see cref="FormatException"/> on malformed input.</summary>
public interface IDeltaCodec<TDelta>
{
    void Write(VarWriter writer, TDelta delta);

    TDelta Read(ref VarReader reader);
}
