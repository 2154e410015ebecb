using System.Text.Encodings.Web;
using System.Text.Json;

namespace Locus.Wire;

/// <summary>How every wire body is encoded, in both directions: UTF-8 as OpenAI and Anthropic send it.</summary>
/// <remarks>
/// The relaxed encoder writes non-ASCII text and quotes as raw UTF-8 instead of <c>\uXXXX</c> escapes (characters
/// outside the BMP stay escaped: still valid JSON). HTML-sensitive characters need no escaping in an
/// <c>application/json</c> or <c>text/event-stream</c> body, and raw UTF-8 keeps bodies small.
/// </remarks>
public static class WireJson
{
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>For a writer the caller creates (a serializer brings its own encoder only to streams it creates itself).</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = Encoder, SkipValidation = true };

    /// <summary>The serializer settings of every wire context: snake_case names and the raw UTF-8 encoder.</summary>
    public static JsonSerializerOptions SerializerOptions() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = Encoder,
    };
}
