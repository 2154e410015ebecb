using System.Buffers.Binary;

namespace Locus.Gguf;

/// <content>Locating array elements inside the payload.</content>
public sealed partial class GgufValue
{
    /// <summary>The wire bytes of element <paramref name="index"/> of an array.</summary>
    internal ReadOnlySpan<byte> ElementBytes(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ArrayLength);
        var size = GgufLimits.FixedSize(ElementType!.Value);
        if (size > 0)
        {
            return _payload.AsSpan(ArrayHeaderBytes + (index * size), size);
        }

        var offsets = _elementOffsets ??= BuildOffsets();
        return _payload.AsSpan(offsets[index], offsets[index + 1] - offsets[index]);
    }

    private int[] BuildOffsets()
    {
        var offsets = new int[ArrayLength + 1];
        var pos = ArrayHeaderBytes;
        for (var i = 0; i < ArrayLength; i++)
        {
            offsets[i] = pos;
            pos = SkipValue(ElementType!.Value, _payload, pos);
        }

        offsets[ArrayLength] = pos;
        return offsets;
    }

    /// <summary>Position just past a value that starts at <paramref name="pos"/>; the payload was validated when it was built.</summary>
    private static int SkipValue(GgufValueType type, ReadOnlySpan<byte> payload, int pos)
    {
        if (type == GgufValueType.String)
        {
            return pos + 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(payload[pos..]);
        }

        if (type != GgufValueType.Array)
        {
            return pos + GgufLimits.FixedSize(type);
        }

        var elementType = (GgufValueType)BinaryPrimitives.ReadUInt32LittleEndian(payload[pos..]);
        var count = (int)BinaryPrimitives.ReadUInt64LittleEndian(payload[(pos + 4)..]);
        pos += ArrayHeaderBytes;
        var size = GgufLimits.FixedSize(elementType);
        if (size > 0)
        {
            return pos + (count * size);
        }

        for (var i = 0; i < count; i++)
        {
            pos = SkipValue(elementType, payload, pos);
        }

        return pos;
    }
}
