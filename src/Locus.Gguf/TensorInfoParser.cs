namespace Locus.Gguf;

/// <summary>Reads the tensor info records, applying ggml's checks on names, shapes, types and offsets.</summary>
internal sealed class TensorInfoParser(BinarySource source, uint alignment)
{
    /// <summary>Offsets, element counts and byte sizes stay below 2^60 (an exabyte), so the sum of the data offset, a tensor offset and a size cannot overflow a long.</summary>
    private const long MaxOffset = 1L << 60;

    public GgufTensorInfo[] ReadAll(long count)
    {
        // The count was checked against the bytes left, so this allocation is bounded by the file size.
        var tensors = new GgufTensorInfo[count];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (long i = 0; i < count; i++)
        {
            var infoOffset = source.Position;
            tensors[i] = Read(i);
            if (!names.Add(tensors[i].Name))
            {
                throw new GgufFormatException($"duplicate tensor name '{Text.Escape(tensors[i].Name)}' at offset {infoOffset}", infoOffset);
            }
        }

        return tensors;
    }

    private GgufTensorInfo Read(long index)
    {
        source.Context = $"the name of tensor {index}";
        var name = source.ReadString(GgufLimits.MaxTensorNameLength, "tensor name");
        var shown = Text.Escape(name);

        source.Context = $"the info of tensor '{shown}'";
        var dimsOffset = source.Position;
        var nDims = source.ReadUInt32();
        if (nDims > GgufLimits.MaxDimensions)
        {
            throw Bad($"tensor '{shown}' has {nDims} dimensions (at most {GgufLimits.MaxDimensions} are allowed)", dimsOffset);
        }

        var dims = new long[nDims];
        long elements = 1;
        for (var d = 0; d < dims.Length; d++)
        {
            dims[d] = source.ReadInt64();
            if (dims[d] < 0)
            {
                throw Bad($"tensor '{shown}' dimension {d} is {dims[d]}, which is negative", dimsOffset);
            }

            if (dims[d] != 0 && elements > MaxOffset / dims[d])
            {
                throw Bad($"tensor '{shown}' has too many elements: shape [{string.Join(", ", dims[..(d + 1)])}...] overflows", dimsOffset);
            }

            elements *= dims[d];
        }

        var typeOffset = source.Position;
        var rawType = source.ReadUInt32();
        if (rawType > int.MaxValue || !GgmlTypeTraits.TryGet((GgmlType)rawType, out var info))
        {
            throw Bad($"tensor '{shown}' has unknown ggml type {rawType} at offset {typeOffset}", typeOffset);
        }

        // ggml stores whole blocks per row, so a row must be a whole number of blocks.
        var rowLength = dims.Length > 0 ? dims[0] : 1;
        if (rowLength % info.BlockSize != 0)
        {
            throw Bad($"tensor '{shown}' of type {info.Name} has rows of {rowLength} elements, not a multiple of the block size {info.BlockSize}", typeOffset);
        }

        var blocks = elements / info.BlockSize;
        if (blocks > MaxOffset / info.BytesPerBlock)
        {
            throw Bad($"tensor '{shown}' is too large: {elements} {info.Name} elements overflow a 64-bit byte size", typeOffset);
        }

        var offsetAt = source.Position;
        var offset = source.ReadUInt64();
        if (offset >= MaxOffset || offset % alignment != 0)
        {
            throw Bad($"tensor '{shown}' data offset {offset} at offset {offsetAt} is not a multiple of the alignment {alignment} or is impossibly large", offsetAt);
        }

        return new GgufTensorInfo(name, dims, info.Type, (long)offset, elements, blocks * info.BytesPerBlock);
    }

    private static GgufFormatException Bad(string message, long offset) => new(message, offset);
}
