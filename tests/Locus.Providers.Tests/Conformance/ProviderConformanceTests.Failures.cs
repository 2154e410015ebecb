using System.Diagnostics;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Providers.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Tests.Conformance;

// Upstream failures, retries, timeouts and cancellation, each as the right LocusError kind.
public abstract partial class ProviderConformanceTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Retry_FirstTwoFail_ThirdSucceeds(bool stream)
    {
        Server.Behavior = new UpstreamBehavior { FailFirst = 2, FailStatus = 503 };

        var response = await AskAsync(Client(), Chat.User("again"), stream);

        Assert.Equal("echo: again", response.Text);
        Assert.Equal(3, Server.Requests.Count);
        Assert.All(Server.Requests, r => Assert.Equal(Server.Requests[0].BodyText, r.BodyText));
    }

    [Fact]
    public async Task Retry_MoreFailuresThanRetries_UpstreamFailedAfterThreeAttempts()
    {
        Server.Behavior = new UpstreamBehavior { Status = 500, ErrorMessage = "database on fire" };

        var error = await Chat.FailsAsync(() => Client().GetResponseAsync(Chat.User("x")));

        Assert.Equal(LocusErrorKind.UpstreamFailed, error.Kind);
        Assert.Contains("test-target", error.Message, StringComparison.Ordinal);
        Assert.Contains("database on fire", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, Server.Requests.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BadRequest_IsNotRetried_AndCarriesTheUpstreamMessage(bool stream)
    {
        Server.Behavior = new UpstreamBehavior { Status = 400, ErrorMessage = "temperature must be at most 2" };

        var error = await Chat.FailsAsync(() => AskAsync(Client(), Chat.User("x"), stream));

        Assert.Equal(LocusErrorKind.InvalidRequest, error.Kind);
        Assert.Contains("temperature must be at most 2", error.Message, StringComparison.Ordinal);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task RateLimited_LongRetryAfter_OverloadedAtOnceWithRetryAfter()
    {
        Server.Behavior = new UpstreamBehavior { Status = 429, RetryAfter = TimeSpan.FromSeconds(30) };

        var error = await Chat.FailsAsync(() => Client().GetResponseAsync(Chat.User("x")));

        Assert.Equal(LocusErrorKind.Overloaded, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Single(Server.Requests); // 30 s is beyond what is worth waiting for: no retry
    }

    [Fact]
    public async Task RateLimited_ShortRetryAfter_IsWaitedForThenRetried()
    {
        Server.Behavior = new UpstreamBehavior { FailFirst = 1, FailStatus = 429, RetryAfter = TimeSpan.FromMilliseconds(400) };
        var watch = Stopwatch.StartNew();

        var response = await Client(o => o with { RetryBaseDelay = TimeSpan.Zero }).GetResponseAsync(Chat.User("x"));

        Assert.Equal("echo: x", response.Text);
        Assert.Equal(2, Server.Requests.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(350), $"retried after {watch.ElapsedMilliseconds} ms, before Retry-After");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Timeout_SlowHeaders_UpstreamTimeoutQuickly(bool stream)
    {
        Server.Behavior = new UpstreamBehavior { DelayBeforeHeaders = TimeSpan.FromSeconds(30) };
        var watch = Stopwatch.StartNew();

        var error = await Chat.FailsAsync(() => AskAsync(Client(o => o with { Timeout = TimeSpan.FromMilliseconds(200), MaxRetries = 1 }), Chat.User("x"), stream));

        Assert.Equal(LocusErrorKind.UpstreamTimeout, error.Kind);
        Assert.Contains("test-target", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, Server.Requests.Count); // timeouts are retried
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task IdleTimeout_StreamStallsMidway_UpstreamTimeoutWithoutHanging()
    {
        Server.Behavior = new UpstreamBehavior { ChunkDelay = TimeSpan.FromSeconds(30) };
        var received = new List<ChatResponseUpdate>();
        var watch = Stopwatch.StartNew();

        var error = await Chat.FailsAsync(async () =>
        {
            await foreach (var update in Client(o => o with { IdleTimeout = TimeSpan.FromMilliseconds(300) }).GetStreamingResponseAsync(Chat.User("x y z")))
            {
                received.Add(update);
            }
        });

        Assert.Equal(LocusErrorKind.UpstreamTimeout, error.Kind);
        Assert.Equal("echo", string.Concat(received.Select(u => u.Text))); // the first chunk came; the stall ended it
        Assert.Single(Server.Requests); // never replayed after the caller got text
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task StreamDropped_Midway_UpstreamFailedAfterTheTextSoFar()
    {
        Server.Behavior = new UpstreamBehavior { DropStreamAfterChunks = 2, ChunkChars = 2 };
        var received = new List<ChatResponseUpdate>();

        var error = await Chat.FailsAsync(async () =>
        {
            await foreach (var update in Client().GetStreamingResponseAsync(Chat.User("a long answer")))
            {
                received.Add(update);
            }
        });

        Assert.Equal(LocusErrorKind.UpstreamFailed, error.Kind);
        Assert.Equal("upstream_stream_cut", error.Code);
        Assert.Equal("echo", string.Concat(received.Select(u => u.Text)));
        Assert.Single(Server.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ServerStopped_Unavailable_NamingTheTarget(bool stream)
    {
        var client = Client();
        await Server.StopAsync();

        var error = await Chat.FailsAsync(() => AskAsync(client, Chat.User("x"), stream));

        Assert.Equal(LocusErrorKind.Unavailable, error.Kind);
        Assert.Contains("test-target", error.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MalformedBody_UpstreamFailed(bool stream)
    {
        Server.Behavior = new UpstreamBehavior { RawBody = stream ? "data: {not json\n\n" : "{\"id\": [unclosed" };

        var error = await Chat.FailsAsync(() => AskAsync(Client(), Chat.User("x"), stream));

        Assert.Equal(LocusErrorKind.UpstreamFailed, error.Kind);
        Assert.Equal("upstream_malformed_response", error.Code);
        Assert.Single(Server.Requests); // a malformed answer will not improve by asking again
    }

    [Fact]
    public async Task StreamWithoutEndMarker_UpstreamFailed()
    {
        Server.Behavior = new UpstreamBehavior { RawBody = TruncatedStream };

        var error = await Chat.FailsAsync(() => Chat.CollectAsync(Client().GetStreamingResponseAsync(Chat.User("x"))));

        Assert.Equal(LocusErrorKind.UpstreamFailed, error.Kind);
        Assert.Equal("upstream_stream_cut", error.Code);
    }

    [Fact]
    public async Task Cancellation_WhileWaitingForHeaders_AbortsPromptly()
    {
        Server.Behavior = new UpstreamBehavior { DelayBeforeHeaders = TimeSpan.FromSeconds(30) };
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().GetResponseAsync(Chat.User("x"), cancellationToken: cts.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Single(Server.Requests); // cancellation is not a failure to retry
    }

    [Fact]
    public async Task Cancellation_MidStream_StopsReadingAndLeavesTheCircuitClosed()
    {
        Server.Behavior = new UpstreamBehavior { ChunkDelay = TimeSpan.FromSeconds(30) };
        var client = Client(o => o with { BreakerFailureThreshold = 1 });
        using var cts = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Chat.User("x"), cancellationToken: cts.Token))
            {
                await cts.CancelAsync();
            }
        });

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.True(((ITargetHealth)client.GetService(typeof(ITargetHealth))!).Current.Available);
    }

    [Fact]
    public async Task Logs_RetryThenSuccess_NameTargetAndStatus_PromptOnlyAtTrace()
    {
        Server.Behavior = new UpstreamBehavior { FailFirst = 1, FailStatus = 502 };

        await Client().GetResponseAsync(Chat.User("private prompt words"));

        var retry = Assert.Single(Logs.Entries, e => e.Id.Id == 3103);
        Assert.Contains("test-target", retry.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 502", retry.Message, StringComparison.Ordinal);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, Assert.Single(Logs.Entries, e => e.Id.Id == 3102).Level);
        Assert.Contains(Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Trace && e.Message.Contains("private prompt words", StringComparison.Ordinal));
        Assert.All(Logs.Entries.Where(e => e.Level > Microsoft.Extensions.Logging.LogLevel.Trace),
            e => Assert.DoesNotContain("private prompt words", e.Message, StringComparison.Ordinal));
    }
}
