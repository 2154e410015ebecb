using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Locus.Server.Protocol;

/// <summary>Source-generated serializers for every response body: no reflection on the hot path.</summary>
/// <remarks>
/// Use <see cref="Wire"/>, not <c>Default</c>: its relaxed encoder writes non-ASCII text and quotes as raw UTF-8, as
/// OpenAI does, instead of <c>\uXXXX</c> escapes (characters outside the BMP stay escaped: still valid JSON).
/// HTML-sensitive characters need no escaping in an <c>application/json</c> or <c>text/event-stream</c> body.
/// </remarks>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatChunk))]
[JsonSerializable(typeof(ChatChunkWithUsage))]
[JsonSerializable(typeof(TextCompletion))]
[JsonSerializable(typeof(TextCompletionWithUsage))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelEntry))]
[JsonSerializable(typeof(HealthStatus))]
[JsonSerializable(typeof(ErrorEnvelope))]
internal sealed partial class ServerJsonContext : JsonSerializerContext
{
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static ServerJsonContext Wire { get; } = new(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Encoder = Encoder });
}
