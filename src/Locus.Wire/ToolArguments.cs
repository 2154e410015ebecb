using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Wire;

/// <summary>
/// A tool call's arguments between the wire (a JSON object, or OpenAI's JSON text of one) and
/// <see cref="FunctionCallContent.Arguments"/>: a dictionary whose values are <see cref="JsonElement"/>s when read here,
/// or any serializable value from a backend.
/// </summary>
public static class ToolArguments
{
    private static readonly Dictionary<string, object?> Empty = [];

    /// <summary>How Microsoft.Extensions.AI serializes (indented, raw UTF-8): what the server has always sent clients.</summary>
    private static readonly JsonWriterOptions MeaiLayout = LayoutOf(AIJsonUtilities.DefaultOptions);

    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The members of <paramref name="obj"/> (an object), each value cloned out of its document.</summary>
    public static Dictionary<string, object?> FromObject(JsonElement obj)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            arguments[property.Name] = property.Value.Clone();
        }

        return arguments;
    }

    /// <summary>OpenAI's JSON text of the arguments; an empty text (a call without parameters streams none) means none.</summary>
    /// <exception cref="JsonException">The text is not JSON, or not a JSON object.</exception>
    public static Dictionary<string, object?> Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        using var document = JsonDocument.Parse(text);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Tool arguments must be a JSON object, not {document.RootElement.ValueKind}.");
        }

        return FromObject(document.RootElement);
    }

    /// <summary>
    /// A call read from the wire with its arguments' JSON text, which it keeps (see <see cref="ToolCallJson"/>); text that
    /// does not parse is kept as the call's exception.
    /// </summary>
    public static FunctionCallContent ToCall(string callId, string name, string? argumentsJson) =>
        FunctionCallContent.CreateFromParsedArguments(argumentsJson ?? "", callId, name, Parse).WithArgumentsJson(argumentsJson ?? "");

    /// <summary>A call read from the wire with its arguments as an object (anything else means none), whose text it keeps.</summary>
    public static FunctionCallContent ToCall(string callId, string name, JsonElement? input) =>
        input is { ValueKind: JsonValueKind.Object } o
            ? new FunctionCallContent(callId, name, FromObject(o)).WithArgumentsJson(o.GetRawText())
            : new FunctionCallContent(callId, name, new Dictionary<string, object?>());

    /// <summary>
    /// The call's arguments as JSON text for a client: the text they were produced as when the call kept it, else
    /// <see cref="ToJsonText"/> of the parsed arguments.
    /// </summary>
    public static string TextOf(FunctionCallContent call) => call.ArgumentsJson() ?? ToJsonText(call.Arguments);

    /// <summary>
    /// The call's arguments as JSON text of an object, for an API that needs one (Anthropic's <c>input</c>): the kept
    /// text when it is a JSON object, else the parsed arguments serialized.
    /// </summary>
    public static string ObjectTextOf(FunctionCallContent call) =>
        KeptObject(call) is { } kept ? kept.GetRawText() : ToJsonText(call.Arguments);

    /// <summary>The arguments of a call as a JSON object element (Anthropic's <c>input</c>), in the order and spelling produced.</summary>
    public static JsonElement ElementOf(FunctionCallContent call) => KeptObject(call) ?? ToElement(call.Arguments);

    // The kept text, parsed, when it is a JSON object; a producer's text that is not one falls back to the parsed arguments.
    private static JsonElement? KeptObject(FunctionCallContent call)
    {
        if (call.Exception is not null || call.ArgumentsJson() is not { } text || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the arguments as a JSON object (<c>{}</c> when there are none).</summary>
    public static void Write(Utf8JsonWriter writer, IDictionary<string, object?>? arguments)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in arguments ?? Empty)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>The arguments as JSON text laid out as Microsoft.Extensions.AI serializes them: indented, raw UTF-8.</summary>
    /// <remarks>What the server sends clients in <c>function.arguments</c> and Anthropic's <c>partial_json</c>.</remarks>
    public static string ToJsonText(IDictionary<string, object?>? arguments) => ToText(arguments, MeaiLayout);

    /// <summary>
    /// The arguments as compact JSON text, characters as they are (a redaction placeholder such as <c>&lt;EMAIL_1&gt;</c>
    /// must reach the model readable, not as <c>\u003C</c> escapes): what the providers send upstream.
    /// </summary>
    public static string ToCompactJsonText(IDictionary<string, object?>? arguments) => ToText(arguments, Relaxed);

    /// <summary>The arguments as a JSON object element (Anthropic's <c>input</c>).</summary>
    public static JsonElement ToElement(IDictionary<string, object?>? arguments)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, arguments);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>One value: JSON as it is, primitives directly, anything else as Microsoft.Extensions.AI serializes it.</summary>
    internal static void WriteValue(Utf8JsonWriter writer, object? value)
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

    private static string ToText(IDictionary<string, object?>? arguments, JsonWriterOptions layout)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, layout))
        {
            Write(writer, arguments);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static JsonWriterOptions LayoutOf(JsonSerializerOptions options) => new()
    {
        Encoder = options.Encoder,
        Indented = options.WriteIndented,
        IndentCharacter = options.IndentCharacter,
        IndentSize = options.IndentSize,
        NewLine = options.NewLine,
        MaxDepth = options.MaxDepth == 0 ? 64 : options.MaxDepth,
    };
}
