using System.IO.Pipelines;
using System.Text.Json.Serialization.Metadata;
using Locus.Wire.Sse;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Sse;

/// <summary>
/// Server-sent events on an ASP.NET response: OpenAI's <c>data:</c> events or Anthropic's named ones (framed by
/// <see cref="SseFrames"/>), each flushed as it is written.
/// </summary>
internal sealed class SseWriter(HttpResponse response)
{
    public const string ContentType = "text/event-stream; charset=utf-8";

    private readonly PipeWriter _pipe = response.BodyWriter;

    /// <summary>Sends the 200 headers (<see cref="StreamingResponse"/>).</summary>
    public static SseWriter Start(HttpContext context)
    {
        StreamingResponse.Start(context, ContentType);
        return new SseWriter(context.Response);
    }

    public static bool IsStream(HttpResponse response) =>
        response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;

    public async ValueTask WriteAsync<T>(T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        SseFrames.WriteData(_pipe, value, type);
        await _pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A named event, as Anthropic's Messages API sends them.</summary>
    public async ValueTask WriteEventAsync<T>(string name, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        SseFrames.WriteEvent(_pipe, name, value, type);
        await _pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteDoneAsync(CancellationToken cancellationToken)
    {
        SseFrames.WriteDone(_pipe);
        await _pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
