using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Locus.Core.Tests.Models;

/// <summary>Ways the test server misbehaves, as real servers and networks do.</summary>
/// <param name="AbortFirstResponseAfter">The first response's connection is aborted after this many body bytes.</param>
/// <param name="IgnoreRange">Answer every request with 200 and the whole file, as servers without range support do.</param>
/// <param name="ChunkDelay">Pause between 16 KiB chunks, to make a download slow enough to cancel midway.</param>
internal sealed record ServerBehavior(long? AbortFirstResponseAfter = null, bool IgnoreRange = false, TimeSpan ChunkDelay = default);

/// <summary>
/// A real HTTP server on 127.0.0.1 serving one file at <c>/model.gguf</c> with Range support. It records what it
/// was asked and how much it sent.
/// </summary>
internal sealed class RangeFileServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly byte[] content;
    private readonly ServerBehavior behavior;
    private long bytesSent;
    private int requests;

    private RangeFileServer(WebApplication app, byte[] content, ServerBehavior behavior)
    {
        this.app = app;
        this.content = content;
        this.behavior = behavior;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>The Range header of each request, in order; null when a request had none.</summary>
    public ConcurrentQueue<string?> RangeHeaders { get; } = new();

    /// <summary>Body bytes written across all responses.</summary>
    public long BytesSent => Interlocked.Read(ref bytesSent);

    public int Requests => Volatile.Read(ref requests);

    public static async Task<RangeFileServer> StartAsync(byte[] content, ServerBehavior? behavior = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new RangeFileServer(app, content, behavior ?? new ServerBehavior());
        app.MapGet("/model.gguf", server.ServeAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.Url = new Uri(new Uri(address), "/model.gguf");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var index = Interlocked.Increment(ref requests);
        var range = context.Request.Headers.Range.ToString();
        RangeHeaders.Enqueue(range.Length == 0 ? null : range);
        long start = 0;
        if (!behavior.IgnoreRange && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            start = long.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
            if (start >= content.Length)
            {
                context.Response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                context.Response.Headers.ContentRange = $"bytes */{content.Length}";
                return;
            }

            context.Response.StatusCode = StatusCodes.Status206PartialContent;
            context.Response.Headers.ContentRange = $"bytes {start}-{content.Length - 1}/{content.Length}";
        }

        context.Response.ContentLength = content.Length - start;
        var limit = index == 1 && behavior.AbortFirstResponseAfter is { } n ? n : long.MaxValue;
        await WriteBodyAsync(context, start, limit);
    }

    private async Task WriteBodyAsync(HttpContext context, long start, long limit)
    {
        long written = 0;
        for (var position = start; position < content.Length;)
        {
            var chunk = (int)Math.Min(Math.Min(16 * 1024, content.Length - position), limit - written);
            await context.Response.Body.WriteAsync(content.AsMemory((int)position, chunk), context.RequestAborted);
            Interlocked.Add(ref bytesSent, chunk);
            position += chunk;
            written += chunk;
            if (written >= limit)
            {
                // Give the client time to receive what was sent, then drop the connection like a failing network.
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(200);
                context.Abort();
                return;
            }

            if (behavior.ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(behavior.ChunkDelay, context.RequestAborted);
            }
        }
    }
}
