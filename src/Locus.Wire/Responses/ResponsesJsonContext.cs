using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Locus.Wire.Responses;

/// <summary>Source-generated contracts for the Responses API objects and stream events.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ResponseObject))]
[JsonSerializable(typeof(ResponseStreamEvent))]
[JsonSerializable(typeof(ResponseDeleted))]
[JsonSerializable(typeof(List<ResponseItem>))]
public sealed partial class ResponsesJsonContext : JsonSerializerContext;

/// <summary>The contracts to write Responses API objects with (snake_case, raw UTF-8; see <see cref="WireJson"/>).</summary>
public static class ResponsesJson
{
    private static readonly ResponsesJsonContext Context = new(WireJson.SerializerOptions());

    public static JsonTypeInfo<ResponseObject> Response => Context.ResponseObject;

    public static JsonTypeInfo<ResponseStreamEvent> Event => Context.ResponseStreamEvent;

    public static JsonTypeInfo<ResponseDeleted> Deleted => Context.ResponseDeleted;

    public static JsonTypeInfo<List<ResponseItem>> Items => Context.ListResponseItem;
}
