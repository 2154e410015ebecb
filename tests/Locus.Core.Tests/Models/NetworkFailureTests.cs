using System.Net;
using System.Net.Sockets;
using Locus.Core.Errors;
using Locus.Core.Models;

namespace Locus.Core.Tests.Models;

public sealed class NetworkFailureTests : IDisposable
{
    private readonly DownloadFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task EnsureModelAsync_NobodyListening_SaysWhichHostAndHowToGetTheModel()
    {
        var port = UnusedPort();
        var url = new Uri($"http://127.0.0.1:{port}/model.gguf");

        var error = await Assert.ThrowsAsync<LocusException>(() => fixture.EnsureAsync(DownloadFixture.Model(url)));

        Assert.Equal(LocusErrorKind.Unavailable, error.Error.Kind);
        Assert.StartsWith($"Locus could not reach 127.0.0.1:{port} ", error.Message, StringComparison.Ordinal);
        Assert.Contains("the connection was refused", error.Message, StringComparison.Ordinal);
        Assert.Contains(
            $"download {url} yourself to {fixture.Target} or pass --model /path/to/model.gguf", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(fixture.Target));
    }

    [Fact]
    public async Task EnsureModelAsync_HostNameDoesNotResolve_SaysSo()
    {
        var error = await EnsureWithFailingHandler(
            new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known"));

        Assert.StartsWith(
            "Locus could not reach models.example.com to download the default model (its name could not be resolved).",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureModelAsync_RequestTimesOut_SaysSo()
    {
        var error = await EnsureWithFailingHandler(new TaskCanceledException("timeout", new TimeoutException()));

        Assert.Equal(LocusErrorKind.Unavailable, error.Error.Kind);
        Assert.Contains("(the connection timed out)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureModelAsync_ServerAnswers404_NamesTheStatus()
    {
        await using var server = await RangeFileServer.StartAsync(DownloadFixture.Content);
        var missing = new Uri(server.Url, "/other.gguf");

        var error = await Assert.ThrowsAsync<LocusException>(() => fixture.EnsureAsync(DownloadFixture.Model(missing)));

        Assert.Equal(LocusErrorKind.Unavailable, error.Error.Kind);
        Assert.Contains($"answered 404 Not Found for {missing}", error.Message, StringComparison.Ordinal);
    }

    private async Task<LocusException> EnsureWithFailingHandler(Exception failure)
    {
        using var http = new HttpClient(new FailingHandler(failure));
        var downloader = ModelDownloader.Create(http);
        var model = DownloadFixture.Model(new Uri("https://models.example.com/model.gguf"));
        return await Assert.ThrowsAsync<LocusException>(() => downloader.EnsureModelAsync(model, fixture.Directory));
    }

    /// <summary>A port that was free a moment ago; nothing listens on it.</summary>
    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class FailingHandler(Exception failure) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(failure);
    }
}
