using System.Buffers.Binary;
using System.Text;

namespace Locus.Gguf;

/// <summary>Buffered little-endian output that counts bytes, so the writer can pad to the alignment.</summary>
internal sealed class OutputSink(Stream destination)
{
    private readonly byte[] _buffer = new byte[1 << 20];
    private int _count;

    public long Position { get; private set; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _count)
        {
            Flush();
            if (bytes.Length >= _buffer.Length)
            {
                destination.Write(bytes);
                Position += bytes.Length;
                return;
            }
        }

        bytes.CopyTo(_buffer.AsSpan(_count));
        _count += bytes.Length;
        Position += bytes.Length;
    }

    public void WriteUInt32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        Write(b);
    }

    public void WriteUInt64(ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        Write(b);
    }

    public void WriteString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteUInt64((ulong)bytes.Length);
        Write(bytes);
    }

    /// <summary>Writes zeros up to the next multiple of <paramref name="alignment"/>.</summary>
    public void Pad(uint alignment)
    {
        Span<byte> zeros = stackalloc byte[64];
        zeros.Clear();
        var n = GgufLimits.Pad(Position, alignment) - Position;
        while (n > 0)
        {
            var k = (int)Math.Min(n, zeros.Length);
            Write(zeros[..k]);
            n -= k;
        }
    }

    public void Flush()
    {
        destination.Write(_buffer, 0, _count);
        _count = 0;
    }
}
