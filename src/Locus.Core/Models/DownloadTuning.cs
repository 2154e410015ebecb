namespace Locus.Core.Models;

/// <summary>Knobs of the download loop; tests shrink them, the product uses <see cref="Default"/>.</summary>
/// <param name="MaxAttempts">Requests per call; after an interrupted body the next one resumes with a Range request.</param>
/// <param name="RetryDelay">Pause before resuming, so a briefly flapping link has time to come back.</param>
/// <param name="StallTimeout">A body read that yields nothing for this long counts as an interruption.</param>
/// <param name="ProgressInterval">Least time between two progress reports.</param>
/// <param name="BufferSize">Bytes per read and write.</param>
internal sealed record DownloadTuning(
    int MaxAttempts, TimeSpan RetryDelay, TimeSpan StallTimeout, TimeSpan ProgressInterval, int BufferSize)
{
    public static DownloadTuning Default { get; } =
        new(5, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(250), 128 * 1024);
}
