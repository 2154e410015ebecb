using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Locus.Testing;

/// <summary>Writes server-sent events and scripts the stream's misbehaviour (pauses, a dropped connection).</summary>
internal sealed class SseOut(HttpContext context, UpstreamBehavior behavior)
{
    private int contentChunks;

    public UpstreamBehavior Behavior => behavior;

    public async Task StartAsync()
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public async Task EventAsync(string? name, JsonNode data) =>
        await WriteAsync((name is null ? "" : $"event: {name}\n") + $"data: {data.ToJsonString()}\n\n");

    public async Task WriteAsync(string text)
    {
        await context.Response.WriteAsync(text, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Sends one content chunk; false when the script dropped the connection after it.</summary>
    public async Task<bool> ContentAsync(string? name, JsonNode data)
    {
        if (contentChunks > 0 && behavior.ChunkDelay > TimeSpan.Zero)
        {
            await Task.Delay(behavior.ChunkDelay, context.RequestAborted);
        }

        await EventAsync(name, data);
        if (++contentChunks != behavior.DropStreamAfterChunks)
        {
            return true;
        }
        // Let what was sent reach the client, then cut the connection like a failing network.
        await Task.Delay(100);
        context.Abort();
        return false;
    }
}
