namespace Locus.Core.Models;

/// <summary>Creates <see cref="IModelDownloader"/> instances.</summary>
public static class ModelDownloader
{
    /// <summary>Creates a downloader.</summary>
    /// <param name="httpClient">
    /// The client to download with; null creates one suited to large downloads. A supplied client is not disposed.
    /// </param>
    /// <param name="timeProvider">The clock for speed figures and stall timeouts; null uses the system clock.</param>
    public static IModelDownloader Create(HttpClient? httpClient = null, TimeProvider? timeProvider = null) =>
        new HttpModelDownloader(httpClient ?? CreateHttpClient(), timeProvider ?? TimeProvider.System, DownloadTuning.Default);

    private static HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler
        {
            // An unreachable host should fail in seconds, not after the OS's multi-minute TCP timeout.
            ConnectTimeout = TimeSpan.FromSeconds(20),
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        var client = new HttpClient(handler)
        {
            // Covers the wait for response headers only: the body is read with ResponseHeadersRead, and a stalled
            // body is caught by the downloader's own per-read timeout.
            Timeout = TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Locus/1.0");
        return client;
    }
}
