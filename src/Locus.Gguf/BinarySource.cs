using System.Buffers.Binary;

namespace Locus.Gguf;

/// <summary>
/// Buffered little-endian reader over a stream that tracks its absolute offset, so every error
/// can say where the file went wrong, and that checks sizes against the known length before
/// allocating for them.
/// </summary>
internal sealed class BinarySource
{
    private const int ChunkSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private long _bufferStart; // offset of _buffer[0] relative to where reading started
    private int _pos;
    private int _count;

    public BinarySource(Stream stream, long? length)
    {
        _stream = stream;
        Length = length;

        // A small file (or a fuzz case) needs no more buffer than its own size.
        _buffer = new byte[length is { } l ? (int)Math.Clamp(l, 16, ChunkSize) : ChunkSize];
    }

    /// <summary>Total bytes of the file, or null when the stream cannot tell.</summary>
    public long? Length { get; }

    public long Position => _bufferStart + _pos;

    /// <summary>Bytes left before the end of the file, or null when the length is unknown.</summary>
    public long? Remaining => Length - Position;

    /// <summary>What is being read, for error messages ("the value of key 'x'").</summary>
    public string Context { get; set; } = "the header";

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>Reads <paramref name="count"/> bytes into the buffer writer, a chunk at a time so that memory only grows with bytes actually present.</summary>
    public void CopyTo(ByteBuffer destination, long count)
    {
        EnsureAvailable(count);
        if (destination.Count + count > Array.MaxLength)
        {
            throw new GgufFormatException(
                $"{Context} at offset {Position} is larger than the {Array.MaxLength} bytes one value may hold", Position);
        }

        while (count > 0)
        {
            if (_pos == _count && !Fill())
            {
                throw Truncated();
            }

            var n = (int)Math.Min(count, _count - _pos);
            destination.Append(_buffer.AsSpan(_pos, n));
            _pos += n;
            count -= n;
        }
    }

    /// <summary>Reads a length-prefixed string whose length must not exceed <paramref name="maxLength"/>.</summary>
    public string ReadString(int maxLength, string what)
    {
        var start = Position;
        var length = ReadUInt64();
        CheckLength(length, (ulong)maxLength, start, what);
        var bytes = new ByteBuffer((int)length);
        CopyTo(bytes, (long)length);
        return System.Text.Encoding.UTF8.GetString(bytes.Span);
    }

    /// <summary>Rejects a string length beyond <paramref name="max"/> or the bytes left in the file.</summary>
    public void CheckLength(ulong length, ulong max, long offset, string what)
    {
        if (length > max)
        {
            throw new GgufFormatException(
                $"{what} length {length} at offset {offset} (in {Context}) exceeds the maximum of {max} bytes", offset);
        }

        if (Remaining is { } left && length > (ulong)left)
        {
            throw new GgufFormatException(
                $"{what} length {length} at offset {offset} (in {Context}) exceeds the file size: only {left} of {Length} bytes remain",
                offset);
        }
    }

    public GgufFormatException Truncated()
    {
        var size = Length is { } l ? $"file is {l} bytes" : $"stream ended after {Position} bytes";
        return new GgufFormatException($"truncated at offset {Position} while reading {Context} ({size})", Position);
    }

    private ReadOnlySpan<byte> Take(int n)
    {
        if (_count - _pos < n)
        {
            EnsureAvailable(n);
            Compact();
            while (_count < n)
            {
                if (!Fill())
                {
                    throw Truncated();
                }
            }
        }

        var span = _buffer.AsSpan(_pos, n);
        _pos += n;
        return span;
    }

    private void EnsureAvailable(long n)
    {
        if (Remaining is { } left && n > left)
        {
            throw Truncated();
        }
    }

    /// <summary>Moves unread bytes to the front so a multi-byte read can complete in place.</summary>
    private void Compact()
    {
        var unread = _count - _pos;
        Buffer.BlockCopy(_buffer, _pos, _buffer, 0, unread);
        _bufferStart += _pos;
        _pos = 0;
        _count = unread;
    }

    private bool Fill()
    {
        if (_pos == _count)
        {
            _bufferStart += _pos;
            _pos = 0;
            _count = 0;
        }

        var want = _buffer.Length - _count;
        if (Length is { } total)
        {
            // Never read past the declared length: bytes beyond it are not part of the file.
            want = (int)Math.Min(want, total - (_bufferStart + _count));
        }

        if (want <= 0)
        {
            return false;
        }

        var read = _stream.Read(_buffer, _count, want);
        _count += read;
        return read > 0;
    }
}
