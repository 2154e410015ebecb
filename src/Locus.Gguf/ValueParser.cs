namespace Locus.Gguf;

/// <summary>Copies one metadata value's bytes from the file into a payload, validating as it goes.</summary>
internal sealed class ValueParser(BinarySource source)
{
    /// <summary>Appends the wire bytes of a value of <paramref name="type"/> (everything after its type tag).</summary>
    public void ReadPayload(GgufValueType type, ByteBuffer payload, int depth)
    {
        switch (type)
        {
            case GgufValueType.String:
                ReadString(payload);
                break;
            case GgufValueType.Array:
                ReadArray(payload, depth);
                break;
            default:
                source.CopyTo(payload, GgufLimits.FixedSize(type));
                break;
        }
    }

    private void ReadString(ByteBuffer payload)
    {
        var offset = source.Position;
        var length = source.ReadUInt64();
        source.CheckLength(length, GgufLimits.MaxStringLength, offset, "string");
        payload.AppendUInt64(length);
        source.CopyTo(payload, (long)length);
    }

    private void ReadArray(ByteBuffer payload, int depth)
    {
        var offset = source.Position;
        if (depth >= GgufLimits.MaxArrayDepth)
        {
            throw new GgufFormatException(
                $"arrays nested more than {GgufLimits.MaxArrayDepth} deep at offset {offset} (in {source.Context})", offset);
        }

        var elementType = (GgufValueType)source.ReadUInt32();
        if (!GgufLimits.IsKnown(elementType))
        {
            throw new GgufFormatException(
                $"unknown value type {(uint)elementType} for array elements at offset {offset} (in {source.Context})", offset);
        }

        var countOffset = source.Position;
        var count = source.ReadUInt64();
        CheckCount(count, elementType, countOffset);
        payload.AppendUInt32((uint)elementType);
        payload.AppendUInt64(count);

        var size = GgufLimits.FixedSize(elementType);
        if (size > 0)
        {
            source.CopyTo(payload, (long)count * size);
            return;
        }

        for (ulong i = 0; i < count; i++)
        {
            ReadPayload(elementType, payload, depth + 1);
        }
    }

    private void CheckCount(ulong count, GgufValueType elementType, long offset)
    {
        if (count > GgufLimits.MaxArrayElements)
        {
            throw new GgufFormatException(
                $"array length {count} at offset {offset} (in {source.Context}) exceeds the maximum of {GgufLimits.MaxArrayElements} elements",
                offset);
        }

        // Every element takes at least MinSize bytes, so a count the file cannot hold is caught before any work.
        var minBytes = count * (ulong)GgufLimits.MinSize(elementType);
        if (source.Remaining is { } left && minBytes > (ulong)left)
        {
            throw new GgufFormatException(
                $"array length {count} at offset {offset} (in {source.Context}) exceeds the file size: {count} {elementType} elements need at least {minBytes} bytes but only {left} remain",
                offset);
        }
    }
}
