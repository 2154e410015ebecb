using Locus.Core.Errors;
using Locus.Core.Models;

namespace Locus.Core.Tests.Models;

public sealed class ModelDownloaderTests : IDisposable
{
    private readonly DownloadFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task EnsureModelAsync_NoFile_DownloadsVerifiesAndInstalls()
    {
        await using var server = await RangeFileServer.StartAsync(DownloadFixture.Content);
        using var http = new HttpClient();
        var downloader = ModelDownloader.Create(http);

        var path = await downloader.EnsureModelAsync(
            DownloadFixture.Model(server.Url), fixture.Directory, fixture.Progress);

        Assert.Equal(fixture.Target, path);
        Assert.Equal(DownloadFixture.Content, await File.ReadAllBytesAsync(path));
        Assert.False(File.Exists(fixture.Partial));
        Assert.Equal([null], server.RangeHeaders);
        var last = fixture.Progress.Reports[^1];
        Assert.Equal((DownloadFixture.Content.LongLength, (long?)DownloadFixture.Content.LongLength), (last.BytesDone, last.TotalBytes));
    }

    [Fact]
    public async Task EnsureModelAsync_ConnectionAbortedMidway_ResumesWithRangeRequest()
    {
        const long abortAfter = 700_000;
        await using var server = await RangeFileServer.StartAsync(
            DownloadFixture.Content, new ServerBehavior(AbortFirstResponseAfter: abortAfter));

        var path = await fixture.EnsureAsync(DownloadFixture.Model(server.Url, DownloadFixture.Content.Length));

        Assert.Equal(DownloadFixture.Content, await File.ReadAllBytesAsync(path));
        var ranges = server.RangeHeaders.ToArray();
        Assert.Equal(2, ranges.Length);
        Assert.Null(ranges[0]);
        var resumedAt = long.Parse(Assert.Single(System.Text.RegularExpressions.Regex.Match(ranges[1]!, "^bytes=(\\d+)-$").Groups.Values.Skip(1)).Value);
        Assert.InRange(resumedAt, 1, abortAfter);
        // Only what the aborted connection lost is sent twice; the kept part is not downloaded again.
        Assert.Equal(abortAfter + (DownloadFixture.Content.Length - resumedAt), server.BytesSent);
    }

    [Fact]
    public async Task EnsureModelAsync_PartialFileFromEarlierRun_RequestsOnlyTheRest()
    {
        const int kept = 1_000_000;
        await File.WriteAllBytesAsync(fixture.Partial, DownloadFixture.Content.AsMemory(0, kept).ToArray());
        await using var server = await RangeFileServer.StartAsync(DownloadFixture.Content);

        var path = await fixture.EnsureAsync(DownloadFixture.Model(server.Url, DownloadFixture.Content.Length));

        Assert.Equal(DownloadFixture.Content, await File.ReadAllBytesAsync(path));
        Assert.Equal([$"bytes={kept}-"], server.RangeHeaders);
        Assert.Equal(DownloadFixture.Content.Length - kept, server.BytesSent);
        Assert.Equal(kept, fixture.Progress.Reports[0].BytesDone);
    }

    [Fact]
    public async Task EnsureModelAsync_InterruptedWithNoAttemptsLeft_FailsKeepingPartialForNextRun()
    {
        await using var server = await RangeFileServer.StartAsync(
            DownloadFixture.Content, new ServerBehavior(AbortFirstResponseAfter: 500_000));

        var error = await Assert.ThrowsAsync<LocusException>(() => fixture.EnsureAsync(DownloadFixture.Model(server.Url), maxAttempts: 1));
        var kept = new FileInfo(fixture.Partial).Length;
        var path = await fixture.EnsureAsync(DownloadFixture.Model(server.Url));

        Assert.Equal(LocusErrorKind.Unavailable, error.Error.Kind);
        Assert.Contains("Run Locus again to resume", error.Message, StringComparison.Ordinal);
        Assert.InRange(kept, 1, 500_000);
        Assert.Equal([null, $"bytes={kept}-"], server.RangeHeaders);
        Assert.Equal(DownloadFixture.Content, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task EnsureModelAsync_ServerIgnoresRange_RestartsFromZero()
    {
        // Garbage in the partial file: appending the full body after it would fail the hash.
        await File.WriteAllBytesAsync(fixture.Partial, new byte[300_000]);
        await using var server = await RangeFileServer.StartAsync(DownloadFixture.Content, new ServerBehavior(IgnoreRange: true));

        var path = await fixture.EnsureAsync(DownloadFixture.Model(server.Url));

        Assert.Equal(DownloadFixture.Content, await File.ReadAllBytesAsync(path));
        Assert.Equal(["bytes=300000-"], server.RangeHeaders);
        Assert.Equal(DownloadFixture.Content.Length, server.BytesSent);
    }

    [Fact]
    public async Task EnsureModelAsync_ServerIgnoresRangeAndPartialIsLonger_LeavesNoTrailingBytes()
    {
        await File.WriteAllBytesAsync(fixture.Partial, new byte[DownloadFixture.Content.Length + 5000]);
        await using var server = await RangeFileServer.StartAsync(DownloadFixture.Content, new ServerBehavior(IgnoreRange: true));

        var path = await fixture.EnsureAsync(DownloadFixture.Model(server.Url, sizeBytes: null));

        Assert.Equal(DownloadFixture.Content, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task EnsureModelAsync_PartialLongerThanFile_RangeRefusedThenRestartsFromZero()
    {
        var tooLong = DownloadFixture.Content.Length + 100;
        await File.WriteAllBytesAsync(fixture.Partial, new byte[tooLong]);
        await using var server = await RangeFileServer.StartAsync(DownloadFixture.Content);

        var path = await fixture.EnsureAsync(DownloadFixture.Model(server.Url, sizeBytes: null));

        Assert.Equal(DownloadFixture.Content, await File.ReadAllBytesAsync(path));
        Assert.Equal([$"bytes={tooLong}-", null], server.RangeHeaders);
    }

    [Fact]
    public async Task EnsureModelAsync_CompletePartialFromEarlierRun_VerifiesWithoutDownloadingAgain()
    {
        await File.WriteAllBytesAsync(fixture.Partial, DownloadFixture.Content);
        await using var server = await RangeFileServer.StartAsync(DownloadFixture.Content);

        var path = await fixture.EnsureAsync(DownloadFixture.Model(server.Url));

        Assert.Equal(DownloadFixture.Content, await File.ReadAllBytesAsync(path));
        Assert.Equal([$"bytes={DownloadFixture.Content.Length}-"], server.RangeHeaders);
        Assert.Equal(0, server.BytesSent);
    }

    [Fact]
    public async Task EnsureModelAsync_HashMismatch_FailsNamingBothHashesAndLeavesNoFile()
    {
        var wrong = new string('0', 64);
        await using var server = await RangeFileServer.StartAsync(DownloadFixture.Content);

        var error = await Assert.ThrowsAsync<LocusException>(() => fixture.EnsureAsync(DownloadFixture.Model(server.Url, sha256: wrong)));

        Assert.Equal(LocusErrorKind.InvalidRequest, error.Error.Kind);
        Assert.Contains(wrong, error.Message, StringComparison.Ordinal);
        Assert.Contains(DownloadFixture.Sha256, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(fixture.Target));
        Assert.False(File.Exists(fixture.Partial));
    }

    [Fact]
    public async Task EnsureModelAsync_Cancelled_ThrowsAndKeepsPartialForResume()
    {
        await using var server = await RangeFileServer.StartAsync(
            DownloadFixture.Content, new ServerBehavior(ChunkDelay: TimeSpan.FromMilliseconds(20)));
        using var cancellation = new CancellationTokenSource();
        fixture.Progress.OnReport = p =>
        {
            if (p.BytesDone > 100_000)
            {
                cancellation.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => fixture.EnsureAsync(DownloadFixture.Model(server.Url), cancellationToken: cancellation.Token));

        Assert.False(File.Exists(fixture.Target));
        Assert.InRange(new FileInfo(fixture.Partial).Length, 100_001, DownloadFixture.Content.Length - 1);
    }
}
