namespace Locus.Core.Models;

/// <summary>Turns byte counts into throttled <see cref="DownloadProgress"/> reports with an average speed.</summary>
internal sealed class ProgressMeter(IProgress<DownloadProgress>? progress, TimeProvider time, TimeSpan interval)
{
    private readonly long started = time.GetTimestamp();
    private long lastReport = long.MinValue;
    private long received;

    /// <summary>Bytes received over the network during this call (not counting bytes kept from earlier runs).</summary>
    public long Received => received;

    public void Add(int bytes) => received += bytes;

    /// <summary>Reports unless the last report was less than the interval ago; <paramref name="force"/> always reports.</summary>
    public void Report(long bytesDone, long? totalBytes, bool force = false)
    {
        if (progress is null)
        {
            return;
        }

        var now = time.GetTimestamp();
        if (!force && lastReport != long.MinValue && time.GetElapsedTime(lastReport, now) < interval)
        {
            return;
        }

        lastReport = now;
        var seconds = time.GetElapsedTime(started, now).TotalSeconds;
        progress.Report(new DownloadProgress(bytesDone, totalBytes, seconds > 0 ? received / seconds : 0));
    }
}
