namespace Locus.Gguf.Tests;

/// <summary>A read-only stream that hides its length and cannot seek, like a pipe or a socket.</summary>
internal sealed class UnseekableStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// A seekable stream of any length made of a real prefix followed by zeros, which counts the bytes
/// read: it stands in for a multi-gigabyte model without needing the disk space.
/// </summary>
internal sealed class SparseStream(byte[] prefix, long length) : Stream
{
    private long _position;

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, Math.Max(0, length - _position));
        for (var i = 0; i < n; i++)
        {
            var p = _position + i;
            buffer[offset + i] = p < prefix.Length ? prefix[p] : (byte)0;
        }

        _position += n;
        BytesRead += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
