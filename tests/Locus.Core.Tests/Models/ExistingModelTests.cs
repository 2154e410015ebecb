using Locus.Core.Errors;

namespace Locus.Core.Tests.Models;

public sealed class ExistingModelTests : IDisposable
{
    private readonly DownloadFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task EnsureModelAsync_VerifiedFileAlreadyThere_ReturnsItWithoutARequest()
    {
        await File.WriteAllBytesAsync(fixture.Target, DownloadFixture.Content);
        await using var server = await RangeFileServer.StartAsync(DownloadFixture.Content);

        var path = await fixture.EnsureAsync(DownloadFixture.Model(server.Url));

        Assert.Equal(fixture.Target, path);
        Assert.Equal(0, server.Requests);
        Assert.True(File.Exists(fixture.Target + ".verified"));
    }

    [Fact]
    public async Task EnsureModelAsync_FileChangedAfterVerification_MismatchIsDetected()
    {
        await File.WriteAllBytesAsync(fixture.Target, DownloadFixture.Content);
        var model = DownloadFixture.Model(new Uri("http://127.0.0.1:9/unused"));
        await fixture.EnsureAsync(model);
        var altered = DownloadFixture.Content.ToArray();
        altered[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(fixture.Target, altered);
        File.SetLastWriteTimeUtc(fixture.Target, DateTime.UtcNow.AddMinutes(1));

        var error = await Assert.ThrowsAsync<LocusException>(() => fixture.EnsureAsync(model));

        Assert.Equal(LocusErrorKind.InvalidRequest, error.Error.Kind);
    }

    [Fact]
    public async Task EnsureModelAsync_ExistingFileWithWrongHash_FailsAndKeepsTheFile()
    {
        await File.WriteAllBytesAsync(fixture.Target, new byte[1000]);
        await using var server = await RangeFileServer.StartAsync(DownloadFixture.Content);

        var error = await Assert.ThrowsAsync<LocusException>(() => fixture.EnsureAsync(DownloadFixture.Model(server.Url)));

        Assert.Equal(LocusErrorKind.InvalidRequest, error.Error.Kind);
        Assert.Contains(DownloadFixture.Sha256, error.Message, StringComparison.Ordinal);
        Assert.Contains($"--model {fixture.Target}", error.Message, StringComparison.Ordinal);
        Assert.Equal(1000, new FileInfo(fixture.Target).Length);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task EnsureModelAsync_NoFileAndNoUrl_FailsWithModelNotFound()
    {
        var model = DownloadFixture.Model(new Uri("http://unused")) with { Url = null };

        var error = await Assert.ThrowsAsync<LocusException>(() => fixture.EnsureAsync(model));

        Assert.Equal(LocusErrorKind.ModelNotFound, error.Error.Kind);
        Assert.Contains(fixture.Target, error.Message, StringComparison.Ordinal);
    }
}
