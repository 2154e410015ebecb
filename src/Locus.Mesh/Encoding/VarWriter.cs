using System.Buffers;
using System.Text;

namespace Locus.Mesh.Encoding;

/// <summary>
/// Writes the compact binary encoding every CRDT uses: unsigned LEB128 varints (7 bits a byte), zig-zag signed
/// varints, length-prefixed UTF-8 strings and raw bytes. Small numbers (counters, deltas, lengths) take one byte.
/// </summary>
public sealed class VarWriter(int capacity = 256)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(capacity);

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public VarWriter UInt(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _buffer.Advance(i);
        return this;
    }

    /// <summary>Zig-zag: small magnitudes of either sign stay short.</summary>
    public VarWriter Int(long value) => UInt((ulong)((value << 1) ^ (value >> 63)));

    public VarWriter Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public VarWriter Bytes(ReadOnlySpan<byte> bytes)
    {
        UInt((ulong)bytes.Length);
        _buffer.Write(bytes);
        return this;
    }

    public VarWriter String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var count = System.Text.Encoding.UTF8.GetByteCount(value);
        UInt((ulong)count);
        var span = _buffer.GetSpan(count);
        System.Text.Encoding.UTF8.GetBytes(value, span);
        _buffer.Advance(count);
        return this;
    }

    /// <summary>Fixed 8 bytes, little-endian (replica ids: random, so varints would not shrink them).</summary>
    public VarWriter Fixed64(ulong value)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }
}
