using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Locus.Server.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Locus.Server.Sse;

/// <summary>Writes server-sent events as OpenAI does (<c>data: &lt;json&gt;\n\n</c>) or named, as Anthropic does; flushed one by one.</summary>
internal sealed class SseWriter(HttpResponse response)
{
    public const string ContentType = "text/event-stream; charset=utf-8";

    private static readonly byte[] EventPrefix = "event: "u8.ToArray();
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    // A writer handed to the serializer brings its own encoder; the context's is used only for streams it creates.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = ServerJsonContext.Encoder, SkipValidation = true };

    private readonly PipeWriter _pipe = response.BodyWriter;

    /// <summary>Sends the 200 headers. Buffering is off so every token reaches the client as it is generated.</summary>
    public static SseWriter Start(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        // Reverse proxies (nginx) buffer responses unless told otherwise.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        return new SseWriter(response);
    }

    public static bool IsStream(HttpResponse response) =>
        response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;

    public async ValueTask WriteAsync<T>(T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        _pipe.Write(DataPrefix);
        using (var json = new Utf8JsonWriter(_pipe, WriterOptions))
        {
            JsonSerializer.Serialize(json, value, type);
        }

        _pipe.Write(EventEnd);
        await _pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A named event, <c>event: &lt;name&gt;\ndata: &lt;json&gt;\n\n</c>, as Anthropic's Messages API sends them.</summary>
    public ValueTask WriteEventAsync<T>(string name, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        _pipe.Write(EventPrefix);
        Encoding.UTF8.GetBytes(name, _pipe);
        _pipe.Write("\n"u8);
        return WriteAsync(value, type, cancellationToken);
    }

    public async ValueTask WriteDoneAsync(CancellationToken cancellationToken)
    {
        _pipe.Write(Done);
        await _pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
