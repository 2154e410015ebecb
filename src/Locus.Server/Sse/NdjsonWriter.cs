using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Locus.Wire;
using Microsoft.AspNetCore.Http;

namespace Locus.Server.Sse;

/// <summary>Ollama's streams: one JSON object per line (<c>application/x-ndjson</c>), each flushed as it is written.</summary>
internal sealed class NdjsonWriter(HttpResponse response)
{
    public const string ContentType = "application/x-ndjson";

    private readonly PipeWriter _pipe = response.BodyWriter;

    /// <summary>Sends the 200 headers (<see cref="StreamingResponse"/>).</summary>
    public static NdjsonWriter Start(HttpContext context)
    {
        StreamingResponse.Start(context, ContentType);
        return new NdjsonWriter(context.Response);
    }

    public static bool IsStream(HttpResponse response) =>
        response.ContentType?.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase) == true;

    public async ValueTask WriteAsync<T>(T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using (var writer = new Utf8JsonWriter(_pipe, WireJson.WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, type);
        }

        _pipe.Write("\n"u8);
        await _pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
