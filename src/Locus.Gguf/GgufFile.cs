namespace Locus.Gguf;

/// <summary>
/// The header of a GGUF file: metadata, tensor layout, and the facts most callers want
/// (architecture, size, quantization, context length). Tensor data is never loaded.
/// </summary>
public sealed partial class GgufFile
{
    internal GgufFile(uint version, GgufMetadata metadata, GgufTensorInfo[] tensors, uint alignment, long dataOffset, long fileSize)
    {
        Version = version;
        Metadata = metadata;
        Tensors = tensors;
        Alignment = alignment;
        DataOffset = dataOffset;
        FileSizeBytes = fileSize;
        foreach (var t in tensors)
        {
            ParameterCount += t.ElementCount;
            TensorBytes += t.ByteSize;
        }
    }

    /// <summary>GGUF format version (2 or 3).</summary>
    public uint Version { get; }

    /// <summary>All metadata, enumerated in file order.</summary>
    public IReadOnlyDictionary<string, GgufValue> Metadata { get; }

    /// <summary>Tensor layout, in file order.</summary>
    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary>Alignment of tensor data (<c>general.alignment</c>, default 32).</summary>
    public uint Alignment { get; }

    /// <summary>Offset of the tensor data section from the start of the file.</summary>
    public long DataOffset { get; }

    /// <summary>Size of the file in bytes (for an unsized stream: where the last tensor ends).</summary>
    public long FileSizeBytes { get; }

    /// <summary>Total number of weights: the sum of every tensor's element count.</summary>
    public long ParameterCount { get; }

    /// <summary>Total bytes of tensor data, without alignment padding.</summary>
    public long TensorBytes { get; }

    /// <summary>Average stored bits per weight, over all tensors; 0 when there are none.</summary>
    public double BitsPerWeight => ParameterCount == 0 ? 0 : TensorBytes * 8.0 / ParameterCount;
}
