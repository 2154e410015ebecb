using System.Security.Cryptography;
using Locus.Core.Configuration;
using Locus.Core.Models;

namespace Locus.Core.Tests.Models;

/// <summary>A generated "model" (random bytes, not chunk-aligned), a temp models folder and a fast-retrying downloader.</summary>
internal sealed class DownloadFixture : IDisposable
{
    public static readonly byte[] Content = CreateContent();

    public static readonly string Sha256 = Convert.ToHexStringLower(SHA256.HashData(Content));

    private readonly HttpClient http = new();

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("locus-download-").FullName;

    public string Target => Path.Join(Directory, "model.gguf");

    public string Partial => Target + ".partial";

    public ProgressLog Progress { get; } = new();

    public static DefaultModelOptions Model(Uri url, long? sizeBytes = null, string? sha256 = null) => new()
    {
        FileName = "model.gguf",
        Url = url,
        Sha256 = sha256 ?? Sha256,
        SizeBytes = sizeBytes,
    };

    /// <summary>The internal downloader with no retry pause, so resume tests do not sleep.</summary>
    public IModelDownloader Downloader(int maxAttempts = 3) =>
        new HttpModelDownloader(
            http, TimeProvider.System, new DownloadTuning(maxAttempts, TimeSpan.Zero, TimeSpan.FromSeconds(10), TimeSpan.Zero, 16 * 1024));

    public Task<string> EnsureAsync(DefaultModelOptions model, int maxAttempts = 3, CancellationToken cancellationToken = default) =>
        Downloader(maxAttempts).EnsureModelAsync(model, Directory, Progress, cancellationToken);

    public void Dispose()
    {
        http.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static byte[] CreateContent()
    {
        var bytes = new byte[(2 * 1024 * 1024) + 12345];
        new Random(20240601).NextBytes(bytes);
        return bytes;
    }
}

/// <summary>Records progress synchronously (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
internal sealed class ProgressLog : IProgress<DownloadProgress>
{
    private readonly List<DownloadProgress> reports = [];

    public Action<DownloadProgress>? OnReport { get; set; }

    public IReadOnlyList<DownloadProgress> Reports
    {
        get
        {
            lock (reports)
            {
                return [.. reports];
            }
        }
    }

    public void Report(DownloadProgress value)
    {
        lock (reports)
        {
            reports.Add(value);
        }

        OnReport?.Invoke(value);
    }
}
