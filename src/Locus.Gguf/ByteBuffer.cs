namespace Locus.Gguf;

/// <summary>Growable byte array that grows only as bytes arrive, never from a declared size.</summary>
internal sealed class ByteBuffer
{
    private byte[] _data;

    public ByteBuffer(int initialCapacity = 256) =>
        _data = new byte[Math.Clamp(initialCapacity, 16, 64 * 1024)];

    public int Count { get; private set; }

    public ReadOnlySpan<byte> Span => _data.AsSpan(0, Count);

    public void Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_data.AsSpan(Count));
        Count += bytes.Length;
    }

    public void AppendUInt32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        Append(b);
    }

    public void AppendUInt64(ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        Append(b);
    }

    public byte[] ToArray() => Span.ToArray();

    private void Reserve(int extra)
    {
        var needed = (long)Count + extra;
        if (needed <= _data.Length)
        {
            return;
        }

        if (needed > Array.MaxLength)
        {
            throw new GgufFormatException($"a metadata value is larger than the {Array.MaxLength} bytes one value may hold");
        }

        var size = Math.Min(Math.Max(needed, (long)_data.Length * 2), Array.MaxLength);
        Array.Resize(ref _data, (int)size);
    }
}
