using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Wire;

/// <summary>JSON pieces both protocols share: tool arguments and tool results, in and out.</summary>
internal static class WireJson
{
    /// <summary>Writes tool-call arguments as a JSON object (<c>{}</c> when there are none).</summary>
    public static void WriteArguments(Utf8JsonWriter writer, IDictionary<string, object?>? arguments)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in arguments ?? Empty)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    public static string ArgumentsText(IDictionary<string, object?>? arguments)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteArguments(writer, arguments);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>A tool result as the text the model reads: strings as they are, anything else as JSON.</summary>
    public static string ResultText(FunctionResultContent result) => result.Result switch
    {
        null when result.Exception is { } e => "Error: " + e.Message,
        null => "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
        JsonElement e => e.GetRawText(),
        var other => Serialize(other),
    };

    /// <summary>Arguments as M.E.AI expects them: a dictionary of <see cref="JsonElement"/> values.</summary>
    public static FunctionCallContent ToolCall(string callId, string name, string? argumentsJson) =>
        FunctionCallContent.CreateFromParsedArguments(argumentsJson ?? "", callId, name, ParseArguments);

    public static FunctionCallContent ToolCall(string callId, string name, JsonElement? input) =>
        new(callId, name, input is { ValueKind: JsonValueKind.Object } o ? ToDictionary(o) : new Dictionary<string, object?>());

    private static readonly Dictionary<string, object?> Empty = [];

    private static Dictionary<string, object?> ParseArguments(string json)
    {
        // A call without parameters streams no argument text at all.
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Tool arguments must be a JSON object, not {document.RootElement.ValueKind}.");
        }

        return ToDictionary(document.RootElement);
    }

    private static Dictionary<string, object?> ToDictionary(JsonElement element)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = property.Value.Clone();
        }

        return result;
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case JsonElement e: e.WriteTo(writer); break;
            case JsonNode n: n.WriteTo(writer); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case double d: writer.WriteNumberValue(d); break;
            case float f: writer.WriteNumberValue(f); break;
            case decimal m: writer.WriteNumberValue(m); break;
            default: JsonSerializer.Serialize(writer, value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType())); break;
        }
    }

    private static string Serialize(object value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteValue(writer, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
