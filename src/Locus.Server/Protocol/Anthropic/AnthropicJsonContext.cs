using System.Text.Json;
using System.Text.Json.Serialization;

namespace Locus.Server.Protocol.Anthropic;

/// <summary>Source-generated serializers for the Messages API; <see cref="Wire"/> writes text as raw UTF-8, as <see cref="ServerJsonContext.Wire"/> does.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AnthropicMessage))]
[JsonSerializable(typeof(AnthropicErrorEnvelope))]
[JsonSerializable(typeof(MessageStartEvent))]
[JsonSerializable(typeof(ContentBlockStartEvent))]
[JsonSerializable(typeof(ContentBlockDeltaEvent))]
[JsonSerializable(typeof(ContentBlockStopEvent))]
[JsonSerializable(typeof(MessageDeltaEvent))]
[JsonSerializable(typeof(MessageStopEvent))]
[JsonSerializable(typeof(PingEvent))]
internal sealed partial class AnthropicJsonContext : JsonSerializerContext
{
    public static AnthropicJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = ServerJsonContext.Encoder,
    });
}
