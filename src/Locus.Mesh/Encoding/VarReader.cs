using System.Buffers.Binary;

namespace Locus.Mesh.Encoding;

/// <summary>
/// Reads what <see cref="VarWriter"/> wrote. Malformed input (truncated, overlong varint, length past the end) throws
/// <see cref="FormatException"/>: encoded state arrives from peers and must never crash a node or read out of bounds.
/// </summary>
public ref struct VarReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly int Position => _position;

    public readonly bool End => _position >= _data.Length;

    public ulong UInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw new FormatException("truncated varint");
            }

            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("varint longer than 10 bytes");
    }

    public long Int()
    {
        var raw = UInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A varint that must fit an int and be at most <paramref name="max"/> (counts and lengths from peers).</summary>
    public int Count(int max = int.MaxValue)
    {
        var value = UInt();
        if (value > (ulong)max)
        {
            throw new FormatException($"count {value} exceeds {max}");
        }

        return (int)value;
    }

    public byte Byte()
    {
        if (_position >= _data.Length)
        {
            throw new FormatException("truncated byte");
        }

        return _data[_position++];
    }

    public ReadOnlySpan<byte> Bytes()
    {
        // The bound is taken after reading the length itself, so a length that runs past the end cannot slice out of range.
        var length = Count();
        if (length > _data.Length - _position)
        {
            throw new FormatException($"length {length} runs past the end of the data");
        }

        var bytes = _data.Slice(_position, length);
        _position += length;
        return bytes;
    }

    public string String() => System.Text.Encoding.UTF8.GetString(Bytes());

    public ulong Fixed64()
    {
        if (_data.Length - _position < 8)
        {
            throw new FormatException("truncated 64-bit value");
        }

        var value = BinaryPrimitives.ReadUInt64LittleEndian(_data[_position..]);
        _position += 8;
        return value;
    }
}
