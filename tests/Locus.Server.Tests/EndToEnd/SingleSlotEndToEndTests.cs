using System.Diagnostics;
using System.Net;
using System.Text;
using Locus.Core.Configuration;
using Locus.Llama;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.EndToEnd;

/// <summary>
/// The real engine with ONE slot and NO queue: a busy slot answers 429, and clients that go away mid-stream free it.
/// If a disconnect left the generation running, the next request would get 429 instead of an answer.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class SingleSlotEndToEndTests
{
    private const string LongStream = """{"model":"stories260K","prompt":"Once upon a time","stream":true,"temperature":0.8}""";
    private const string Short = """{"model":"stories260K","prompt":"Once","max_tokens":4}""";

    [ModelFact]
    public async Task Streaming_ClientDisconnects_SlotIsFreeForTheNextRequestPromptly()
    {
        await using var server = await StartAsync();
        await DisconnectAfterFirstChunkAsync(server.Address);

        var clock = Stopwatch.StartNew();
        var status = await PostUntilNot429Async(server.Http, TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the slot was busy for {clock.ElapsedMilliseconds} ms after the client left");
    }

    [ModelFact]
    public async Task Busy_OneSlotNoQueue_SecondRequestGets429WithRetryAfter()
    {
        await using var server = await StartAsync();
        using var running = new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = new StringContent(LongStream, Encoding.UTF8, "application/json") };
        using var stream = await server.Http.SendAsync(running, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);

        using var refused = await server.Http.PostAsync("/v1/completions", new StringContent(Short, Encoding.UTF8, "application/json"));
        var body = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Contains("\"type\":\"requests\"", body);
        Assert.Contains("\"code\":\"queue_full\"", body);
    }

    [ModelFact]
    public async Task Streaming_HundredDisconnectsInARow_KeepRssWithinFivePercent()
    {
        await using var server = await StartAsync();
        for (var i = 0; i < 20; i++)
        {
            await DisconnectAfterFirstChunkAsync(server.Address); // warm-up: JIT, Kestrel and allocator pools
        }

        var before = ProcessMemory.Rss();
        for (var i = 0; i < 100; i++)
        {
            await DisconnectAfterFirstChunkAsync(server.Address);
        }

        var after = ProcessMemory.Rss();
        Assert.Equal(HttpStatusCode.OK, await PostUntilNot429Async(server.Http, TimeSpan.FromSeconds(5)));
        Assert.True(after <= before * 1.05, $"RSS grew from {before / 1e6:F1} MB to {after / 1e6:F1} MB over 100 disconnected streams");
    }

    private static async Task<ServerWithCatalog> StartAsync()
    {
        var catalog = await LlamaModels.LoadAsync([new LocalModelSpec(SharedModels.Stories)],
            new LlamaOptions { Threads = 2, ContextSize = 8192, Parallel = 1, QueueLimit = 0 });
        return new ServerWithCatalog(await RunningServer.StartAsync(catalog), catalog);
    }

    private static async Task DisconnectAfterFirstChunkAsync(Uri server)
    {
        // HttpClient would otherwise drain an abandoned response (up to 1 MB, 2 s) to reuse the connection: that is
        // a client still listening. With no draining, disposing the response closes the socket, as a client that
        // crashed or navigated away does.
        using var http = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = server };
        // The server notices the previous client's disconnect within milliseconds, not instantly: retry a 429 briefly.
        var clock = Stopwatch.StartNew();
        HttpResponseMessage response;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = new StringContent(LongStream, Encoding.UTF8, "application/json") };
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || clock.Elapsed > TimeSpan.FromSeconds(1))
            {
                break;
            }

            response.Dispose();
            await Task.Delay(5);
        }

        using var _ = response;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);
        var first = await reader.ReadLineAsync();
        Assert.StartsWith("data: {", first);
        // Disposing the response aborts the connection: the server sees RequestAborted.
    }

    private static async Task<HttpStatusCode> PostUntilNot429Async(HttpClient http, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await http.PostAsync("/v1/completions", new StringContent(Short, Encoding.UTF8, "application/json"));
            if (response.StatusCode != HttpStatusCode.TooManyRequests || deadline.Elapsed > limit)
            {
                return response.StatusCode;
            }

            await Task.Delay(10);
        }
    }


    private sealed class ServerWithCatalog(RunningServer server, Core.Abstractions.IModelCatalog catalog) : IAsyncDisposable
    {
        public HttpClient Http => server.Http;

        public Uri Address => server.BaseAddress;

        public async ValueTask DisposeAsync()
        {
            await server.DisposeAsync();
            catalog.Dispose();
        }
    }
}
