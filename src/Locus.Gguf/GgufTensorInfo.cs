namespace Locus.Gguf;

/// <summary>Where and how one tensor is stored; reading it never touches the tensor's data.</summary>
public sealed class GgufTensorInfo
{
    internal GgufTensorInfo(string name, long[] dimensions, GgmlType type, long offset, long elementCount, long byteSize)
    {
        Name = name;
        Dimensions = dimensions;
        Type = type;
        Offset = offset;
        ElementCount = elementCount;
        ByteSize = byteSize;
    }

    /// <summary>Tensor name, e.g. <c>blk.0.attn_q.weight</c>.</summary>
    public string Name { get; }

    /// <summary>Shape in ggml order: <c>ne[0]</c> (the contiguous row length) first.</summary>
    public IReadOnlyList<long> Dimensions { get; }

    /// <summary>Element type.</summary>
    public GgmlType Type { get; }

    /// <summary>Offset of the data from <see cref="GgufFile.DataOffset"/> (not from the start of the file).</summary>
    public long Offset { get; }

    /// <summary>Number of elements (product of the dimensions).</summary>
    public long ElementCount { get; }

    /// <summary>Bytes of data the tensor occupies, without alignment padding.</summary>
    public long ByteSize { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} [{string.Join(", ", Dimensions)}] {Type}";
}
