using System.Security.Cryptography;

namespace Locus.Core.Models;

/// <summary>Streams a response body to the partial file, hashing as it goes so the file is never read twice.</summary>
internal sealed class BodyCopier(TimeProvider time, DownloadTuning tuning, ProgressMeter meter)
{
    public async Task CopyAsync(
        HttpResponseMessage response, FileStream file, IncrementalHash hash, long done, long? total, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var bodyLifetime = body.ConfigureAwait(false);
        // HttpClient.Timeout does not cover a body read with ResponseHeadersRead; without this a dead connection
        // that never closes would hang the download forever.
        using var stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        var buffer = new byte[tuning.BufferSize];
        while (true)
        {
            int read;
            try
            {
                stall.CancelAfter(tuning.StallTimeout);
                read = await body.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException
                || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Keep what arrived: the next attempt resumes from the end of the file.
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                throw new TransferInterruptedException("the connection broke off", total, ex);
            }

            if (read == 0)
            {
                break;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            hash.AppendData(buffer, 0, read);
            done += read;
            meter.Add(read);
            meter.Report(done, total);
        }

        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (total is { } expected && done < expected)
        {
            throw new TransferInterruptedException("the server closed the connection early", total, null);
        }

        meter.Report(done, total ?? done, force: true);
    }
}
