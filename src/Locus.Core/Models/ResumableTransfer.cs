using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Locus.Core.Models;

/// <summary>
/// Fetches one URL into <c>&lt;target&gt;.partial</c>, resuming with Range requests after interruptions, and
/// returns the SHA-256 of the whole file. Installing the file is the caller's job.
/// </summary>
internal sealed class ResumableTransfer(
    HttpClient http, TimeProvider time, DownloadTuning tuning, Uri url, string target, long? sizeHint, ProgressMeter meter)
{
    public string PartialPath { get; } = target + ".partial";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AttemptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (TransferInterruptedException ex)
            {
                if (attempt >= tuning.MaxAttempts)
                {
                    throw DownloadErrors.Interrupted(url, target, PartialLength(), ex.Total ?? sizeHint, ex);
                }

                await Task.Delay(tuning.RetryDelay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<string> AttemptAsync(CancellationToken cancellationToken)
    {
        var file = OpenPartial();
        await using var fileLifetime = file.ConfigureAwait(false);
        var existing = sizeHint is { } size && file.Length > size ? 0 : file.Length;
        file.SetLength(existing);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (existing > 0)
        {
            request.Headers.Range = new RangeHeaderValue(existing, null);
        }

        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var contentRange = response.Content.Headers.ContentRange;
        long? total;
        if (response.StatusCode == HttpStatusCode.PartialContent && existing > 0 && contentRange?.From == existing)
        {
            total = contentRange.Length ?? sizeHint;
            await FileHashing.AppendPrefixAsync(hash, file, existing, tuning.BufferSize, cancellationToken).ConfigureAwait(false);
        }
        else if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.PartialContent)
        {
            // A 200 to a range request means the server ignored the range and is sending the whole file: appending
            // it would duplicate the kept part, so start over from byte zero. A 206 for a range we did not ask for
            // is not trusted either; the next attempt asks again from zero.
            file.SetLength(existing = 0);
            total = contentRange?.From == 0 ? contentRange.Length : response.Content.Headers.ContentLength ?? sizeHint;
            if (response.StatusCode == HttpStatusCode.PartialContent && contentRange?.From != 0)
            {
                throw new TransferInterruptedException("the server sent an unexpected range", total, null);
            }
        }
        else if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return await RangeNotSatisfiableAsync(file, hash, existing, contentRange, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw DownloadErrors.BadStatus(url, target, response.StatusCode, response.ReasonPhrase);
        }

        file.Position = existing;
        meter.Report(existing, total, force: true);
        await new BodyCopier(time, tuning, meter).CopyAsync(response, file, hash, existing, total, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// 416 to <c>bytes=N-</c>: either N is exactly the file's size (an earlier run got everything but was stopped
    /// before verifying) or the kept part is not a prefix of this file; the latter restarts from zero.
    /// </summary>
    private async Task<string> RangeNotSatisfiableAsync(
        FileStream file, IncrementalHash hash, long existing, ContentRangeHeaderValue? range, CancellationToken cancellationToken)
    {
        if (existing > 0 && range?.Length == existing)
        {
            await FileHashing.AppendPrefixAsync(hash, file, existing, tuning.BufferSize, cancellationToken).ConfigureAwait(false);
            meter.Report(existing, existing, force: true);
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        file.SetLength(0);
        throw new TransferInterruptedException("the server refused the resume range", range?.Length, null);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw DownloadErrors.Unreachable(url, target, DownloadErrors.Reason(ex), ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout surfaces as a cancellation nobody asked for.
            throw DownloadErrors.Unreachable(url, target, DownloadErrors.Reason(ex), ex);
        }
    }

    /// <summary>Exclusive, so two Locus processes cannot interleave writes into the same partial file.</summary>
    private FileStream OpenPartial()
    {
        try
        {
            return new FileStream(
                PartialPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous);
        }
        catch (IOException ex) when (File.Exists(PartialPath))
        {
            throw DownloadErrors.Busy(PartialPath, ex);
        }
    }

    private long PartialLength() => File.Exists(PartialPath) ? new FileInfo(PartialPath).Length : 0;
}
