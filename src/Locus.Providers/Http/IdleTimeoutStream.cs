namespace Locus.Providers.Http;

/// <summary>
/// A response body whose every read must produce data within <c>idle</c>; a stalled upstream ends the read with
/// <see cref="TimeoutException"/> instead of hanging. The clock runs only while a read is waiting, so a slow
/// consumer is never mistaken for a silent upstream.
/// </summary>
internal sealed class IdleTimeoutStream : Stream
{
    private readonly Stream inner;
    private readonly TimeSpan idle;
    private readonly CancellationToken caller;
    private readonly CancellationTokenSource idleTimer;
    private readonly CancellationTokenSource linked;

    public IdleTimeoutStream(Stream inner, TimeSpan idle, TimeProvider time, CancellationToken caller)
    {
        this.inner = inner;
        this.idle = idle;
        this.caller = caller;
        idleTimer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        linked = CancellationTokenSource.CreateLinkedTokenSource(caller, idleTimer.Token);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Our callers pass the caller's token; any other one still cancels this read (and, terminally, the stream).
        using var extra = cancellationToken.CanBeCanceled && cancellationToken != caller
            ? cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), linked)
            : default;
        idleTimer.CancelAfter(idle);
        try
        {
            return await inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (idleTimer.IsCancellationRequested && !caller.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No data for {idle.TotalSeconds} s.", e);
        }
        finally
        {
            if (!idleTimer.IsCancellationRequested)
            {
                idleTimer.CancelAfter(Timeout.InfiniteTimeSpan);
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            linked.Dispose();
            idleTimer.Dispose();
        }

        base.Dispose(disposing);
    }
}
