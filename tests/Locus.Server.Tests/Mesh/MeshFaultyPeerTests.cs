using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Locus.Server.Tests.Mesh;

/// <summary>
/// A peer whose connections break (reset at once, or in the middle of an answer) must cost one failed attempt, not
/// the node's background sync: every later round still runs.
/// </summary>
public sealed class MeshFaultyPeerTests
{
    [Fact]
    public async Task BackgroundSync_PeerResetsEveryConnection_LaterRoundsStillRun()
    {
        // A firewall or a dropped link: every connection is accepted and reset at once. Some of those resets surface
        // from the HTTP stack as a bare SocketException, which once ended the background loop for good.
        using var resetting = new ResettingPeer();
        await using var node = await MeshServer.StartAsync("a", syncIntervalMs: 100, extraMesh: $"  peers: [{resetting.Url}]");

        await WaitForAttemptsAsync(() => resetting.Accepted, 40, node);
    }

    [Fact]
    public async Task BackgroundSync_PeerResetsMidAnswer_LaterRoundsStillRun()
    {
        await using var broken = await BrokenPeer.StartAsync();
        await using var node = await MeshServer.StartAsync("a", syncIntervalMs: 100, extraMesh: $"  peers: [{broken.Url}]");

        await WaitForAttemptsAsync(() => broken.Answered, 4, node);
    }

    /// <summary>Each round asks the static peer who it is; the node keeps asking, warning each time, never erring.</summary>
    private static async Task WaitForAttemptsAsync(Func<int> attempts, int wanted, MeshServer node)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (attempts() < wanted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(attempts() >= wanted, $"sync stopped after {attempts()} attempts\n{node.Logs.AllText}");
        Assert.Contains(node.Logs.Entries, e => e.Id.Id == 6207 && e.Level == LogLevel.Warning);
        Assert.DoesNotContain(node.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    /// <summary>A loopback TCP listener that accepts every connection and resets it (linger 0) at once.</summary>
    private sealed class ResettingPeer : IDisposable
    {
        private readonly TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
        private int _accepted;

        public ResettingPeer()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public Uri Url => new($"http://127.0.0.1:{((System.Net.IPEndPoint)_listener.LocalEndpoint).Port}/");

        public int Accepted => Volatile.Read(ref _accepted);

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    using var socket = await _listener.AcceptSocketAsync();
                    Interlocked.Increment(ref _accepted);
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // stopped
            }
        }

        public void Dispose() => _listener.Stop();
    }

    /// <summary>An HTTP/2 (prior knowledge) server that starts a 200 answer and then resets the stream.</summary>
    private sealed class BrokenPeer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _answered;

        private BrokenPeer(WebApplication app) => _app = app;

        public Uri Url => new(_app.Urls.First());

        public int Answered => Volatile.Read(ref _answered);

        public static async Task<BrokenPeer> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
            var app = builder.Build();
            var peer = new BrokenPeer(app);
            app.Run(async context =>
            {
                Interlocked.Increment(ref peer._answered);
                context.Response.ContentLength = 1000;
                await context.Response.Body.WriteAsync("{\"node_id\":"u8.ToArray());
                await context.Response.Body.FlushAsync();
                context.Abort();
            });
            await app.StartAsync();
            return peer;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
