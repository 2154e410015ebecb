using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Locus.Wire.Anthropic;

/// <summary>Source-generated contracts for every Messages API object and stream event.</summary>
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
[JsonSerializable(typeof(AnthropicTokenCount))]
[JsonSerializable(typeof(AnthropicModel))]
[JsonSerializable(typeof(AnthropicModelList))]
public sealed partial class AnthropicJsonContext : JsonSerializerContext;

/// <summary>
/// The contracts to read and write Messages API objects with (snake_case, raw UTF-8; see <see cref="WireJson"/>), and
/// readers that pick an object's type by its <c>type</c> member, as a stream's events and a 200 error body need.
/// </summary>
public static class AnthropicJson
{
    private static readonly AnthropicJsonContext Context = new(WireJson.SerializerOptions());

    public static JsonTypeInfo<AnthropicMessage> Message => Context.AnthropicMessage;

    public static JsonTypeInfo<AnthropicErrorEnvelope> ErrorEnvelope => Context.AnthropicErrorEnvelope;

    public static JsonTypeInfo<MessageStartEvent> MessageStart => Context.MessageStartEvent;

    public static JsonTypeInfo<ContentBlockStartEvent> ContentBlockStart => Context.ContentBlockStartEvent;

    public static JsonTypeInfo<ContentBlockDeltaEvent> ContentBlockDelta => Context.ContentBlockDeltaEvent;

    public static JsonTypeInfo<ContentBlockStopEvent> ContentBlockStop => Context.ContentBlockStopEvent;

    public static JsonTypeInfo<MessageDeltaEvent> MessageDelta => Context.MessageDeltaEvent;

    public static JsonTypeInfo<MessageStopEvent> MessageStop => Context.MessageStopEvent;

    public static JsonTypeInfo<PingEvent> Ping => Context.PingEvent;

    public static JsonTypeInfo<AnthropicTokenCount> TokenCount => Context.AnthropicTokenCount;

    public static JsonTypeInfo<AnthropicModel> Model => Context.AnthropicModel;

    public static JsonTypeInfo<AnthropicModelList> ModelList => Context.AnthropicModelList;

    /// <summary>A stream event by its <c>type</c>; null for a type this model does not know (new events are skipped).</summary>
    /// <exception cref="JsonException">The data is not a JSON object of the event's shape.</exception>
    public static IAnthropicEvent? ReadEvent(ReadOnlySpan<byte> data) => TypeOf(data, "An event is JSON null.") switch
    {
        "message_start" => Read(data, Context.MessageStartEvent),
        "content_block_start" => Read(data, Context.ContentBlockStartEvent),
        "content_block_delta" => Read(data, Context.ContentBlockDeltaEvent),
        "content_block_stop" => Read(data, Context.ContentBlockStopEvent),
        "message_delta" => Read(data, Context.MessageDeltaEvent),
        "message_stop" => Read(data, Context.MessageStopEvent),
        "ping" => Read(data, Context.PingEvent),
        "error" => Read(data, Context.AnthropicErrorEnvelope),
        _ => null,
    };

    /// <summary>A response body: the message, or null and the <paramref name="error"/> that a 200 body may carry after all.</summary>
    /// <exception cref="JsonException">The body is not a JSON object of either shape.</exception>
    public static AnthropicMessage? ReadMessage(ReadOnlySpan<byte> body, out AnthropicErrorEnvelope? error)
    {
        var isError = TypeOf(body, "The body is JSON null.") == "error";
        error = isError ? Read(body, Context.AnthropicErrorEnvelope) : null;
        return isError ? null : Read(body, Context.AnthropicMessage);
    }

    private static T Read<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(json, type) ?? throw new JsonException($"A {typeof(T).Name} is JSON null.");

    /// <summary>The top-level <c>type</c> member's value (null when absent), after checking that the whole object is JSON.</summary>
    private static string? TypeOf(ReadOnlySpan<byte> json, string whenNull)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException(reader.TokenType == JsonTokenType.Null ? whenNull : $"Expected a JSON object, not {reader.TokenType}.");
        }

        string? type = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = type is null && reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType)
            {
                type = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Null => null,
                    _ => throw new JsonException($"The 'type' member must be a string, not {reader.TokenType}."),
                };
            }
            else
            {
                reader.Skip();
            }
        }

        return type;
    }
}
