namespace Locus.Gguf;

/// <summary>
/// Parses a GGUF header the way ggml's gguf.cpp does, but turns every problem into a
/// <see cref="GgufFormatException"/> that says what and where, and checks every untrusted count
/// against the bytes left before acting on it.
/// </summary>
internal sealed class GgufParser(BinarySource source)
{
    public GgufFile Parse()
    {
        var version = ReadPreamble();
        var tensorCount = ReadCount("tensor count", GgufLimits.MinTensorInfoBytes);
        var kvCount = ReadCount("metadata entry count", GgufLimits.MinKvBytes);

        var metadata = new GgufMetadata();
        for (long i = 0; i < kvCount; i++)
        {
            ReadKeyValue(metadata, i);
        }

        var alignment = ReadAlignment(metadata);
        var tensors = new TensorInfoParser(source, alignment).ReadAll(tensorCount);

        // ggml pads to the alignment only when there are tensors; an empty file's data starts right here.
        var dataOffset = tensorCount > 0 ? GgufLimits.Pad(source.Position, alignment) : source.Position;
        var fileSize = source.Length ?? Math.Max(dataOffset, tensors.Select(t => dataOffset + t.Offset + t.ByteSize).DefaultIfEmpty(0).Max());
        CheckDataFits(tensors, dataOffset, fileSize);
        return new GgufFile(version, metadata, tensors, alignment, dataOffset, fileSize);
    }

    private uint ReadPreamble()
    {
        source.Context = "the magic 'GGUF'";
        var magic = source.ReadUInt32();
        if (magic != GgufLimits.Magic)
        {
            Span<byte> bytes = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes, magic);
            throw new GgufFormatException($"not a GGUF file: magic is '{Text.Escape(bytes)}' (expected 'GGUF')", 0);
        }

        source.Context = "the version";
        var version = source.ReadUInt32();
        if (version is 2 or 3)
        {
            return version;
        }

        var why = version switch
        {
            1 => "GGUF version 1 is obsolete and not supported (only versions 2 and 3 are)",
            _ when (version & 0xFFFF) == 0 => $"GGUF version {version} (0x{version:X8}) looks byte-swapped: big-endian GGUF files are not supported",
            _ => $"unsupported GGUF version {version} (only versions 2 and 3 are supported)",
        };
        throw new GgufFormatException($"{why}, at offset 4", 4);
    }

    private long ReadCount(string what, int minBytesEach)
    {
        source.Context = $"the {what}";
        var offset = source.Position;
        var count = source.ReadUInt64();
        var limit = source.Remaining is { } left ? (ulong)(left / minBytesEach) : int.MaxValue;
        if (count > limit)
        {
            var room = source.Remaining is { } r ? $"the {r} bytes left in the file hold at most {limit}" : $"the limit is {limit}";
            throw new GgufFormatException($"{what} {count} at offset {offset} is impossible: {room}", offset);
        }

        return (long)count;
    }

    private void ReadKeyValue(GgufMetadata metadata, long index)
    {
        source.Context = $"the key of metadata entry {index}";
        var keyOffset = source.Position;
        var key = source.ReadString(GgufLimits.MaxKeyLength, "key");
        if (key.Length == 0)
        {
            throw new GgufFormatException($"metadata entry {index} at offset {keyOffset} has an empty key", keyOffset);
        }

        source.Context = $"the type of key '{Text.Escape(key)}'";
        var typeOffset = source.Position;
        var type = (GgufValueType)source.ReadUInt32();
        if (!GgufLimits.IsKnown(type))
        {
            throw new GgufFormatException(
                $"key '{Text.Escape(key)}' has unknown value type {(uint)type} at offset {typeOffset}", typeOffset);
        }

        source.Context = $"the value of key '{Text.Escape(key)}'";
        var payload = new ByteBuffer(GgufLimits.MinSize(type));
        new ValueParser(source).ReadPayload(type, payload, depth: 0);
        if (!metadata.TryAdd(key, new GgufValue(type, payload.ToArray())))
        {
            throw new GgufFormatException($"duplicate key '{Text.Escape(key)}' at offset {keyOffset}", keyOffset);
        }
    }

    private static uint ReadAlignment(GgufMetadata metadata)
    {
        if (!metadata.TryGetValue(GgufLimits.AlignmentKey, out var value))
        {
            return GgufLimits.DefaultAlignment;
        }

        if (value.Type != GgufValueType.UInt32)
        {
            throw new GgufFormatException($"bad alignment: '{GgufLimits.AlignmentKey}' must be UInt32 but is {value.Type}");
        }

        var alignment = (uint)value.AsInt64();
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            throw new GgufFormatException($"bad alignment: '{GgufLimits.AlignmentKey}' is {alignment}, which is not a power of two");
        }

        return alignment;
    }

    private static void CheckDataFits(GgufTensorInfo[] tensors, long dataOffset, long fileSize)
    {
        foreach (var t in tensors)
        {
            // Offsets and sizes are each below 2^60 (checked when read), so this sum cannot overflow.
            var end = dataOffset + t.Offset + t.ByteSize;
            if (end > fileSize)
            {
                throw new GgufFormatException(
                    $"tensor data extends past end of file: tensor '{Text.Escape(t.Name)}' ({t.ByteSize} bytes at offset {dataOffset + t.Offset}) ends at offset {end}, but the file is {fileSize} bytes",
                    dataOffset + t.Offset);
            }
        }
    }
}
