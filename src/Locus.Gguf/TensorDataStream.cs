namespace Locus.Gguf;

/// <summary>
/// The write-only stream a tensor data callback receives: it forwards to the output and refuses
/// to write more than the tensor's size, so one bad callback cannot shift every later tensor.
/// </summary>
internal sealed class TensorDataStream(OutputSink sink, string tensorName, long expectedBytes) : Stream
{
    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Written;
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length > expectedBytes - Written)
        {
            throw new InvalidOperationException(
                $"tensor '{tensorName}' data callback wrote more than the tensor's {expectedBytes} bytes");
        }

        sink.Write(buffer);
        Written += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Throws unless the callback wrote exactly the tensor's size.</summary>
    public void CheckComplete()
    {
        if (Written != expectedBytes)
        {
            throw new InvalidOperationException(
                $"tensor '{tensorName}' data callback wrote {Written} bytes, but the tensor needs {expectedBytes}");
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
