using System.Net.Sockets;
using Locus.Mesh.Node;
using Locus.Testing;
using Microsoft.Extensions.Logging;

namespace Locus.Mesh.Tests.Node;

/// <summary>
/// What a sync round does when the network fails in each of the ways the HTTP stack reports it. The handler throws
/// the exceptions SocketsHttpHandler itself throws (a reset right after connecting surfaces as a bare
/// <see cref="SocketException"/>, not an <see cref="HttpRequestException"/>), so each case is deterministic.
/// </summary>
public sealed class MeshNodeRoundTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("locus-mesh-round-").FullName;
    private readonly CapturedLogs _logs = new();

    public static TheoryData<string> NetworkFailures => ["reset after connect", "body cut off", "request failed", "timed out"];

    [Theory]
    [MemberData(nameof(NetworkFailures))]
    public async Task SyncAllAsync_StaticPeerUnreachable_RoundCompletesWithWarning(string failure)
    {
        using var node = Open(() => failure switch
        {
            "reset after connect" => new SocketException((int)SocketError.NotConnected),
            "body cut off" => new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely."),
            "request failed" => new HttpRequestException("An error occurred while sending the request."),
            _ => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout."),
        });

        var outcomes = await node.SyncAllAsync();

        Assert.Empty(outcomes); // the peer was never identified, so there is nobody to sync with yet
        var warning = Assert.Single(_logs.Entries, e => e.Id.Id == 6207);
        Assert.Equal(LogLevel.Warning, warning.Level);
    }

    [Fact]
    public async Task SyncRoundAsync_UnforeseenFailure_LoggedAsErrorAndNextRoundRuns()
    {
        var calls = 0;
        using var node = Open(() =>
        {
            calls++;
            return new InvalidOperationException("a failure nobody foresaw");
        });

        await node.SyncRoundAsync(CancellationToken.None);
        await node.SyncRoundAsync(CancellationToken.None);

        Assert.Equal(2, calls);
        Assert.Equal(2, _logs.Entries.Count(e => e.Id.Id == 6210 && e.Level == LogLevel.Error && e.Message.Contains("a failure nobody foresaw", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SyncRoundAsync_Cancelled_Throws()
    {
        using var node = Open(() => new InvalidOperationException("not reached"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => node.SyncRoundAsync(cancelled.Token));
    }

    private MeshNode Open(Func<Exception> failure) => MeshNode.Open(
        new MeshNodeOptions { DataDirectory = _dir, Name = "round", StaticPeers = [new Uri("http://127.0.0.1:9/")] },
        loggers: _logs, handler: new FailingHandler(failure));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class FailingHandler(Func<Exception> failure) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromException<HttpResponseMessage>(failure());
        }
    }
}
