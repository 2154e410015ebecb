using System.Buffers;
using System.Collections;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Requests;

/// <summary>
/// Every string inside JSON-shaped request data (a tool's parameter schema, a tool call's arguments, a tool result):
/// string values and property names alike, at any depth. The privacy scan reads them all (a secret can sit in an
/// enum value, a default, an example or a property name as well as in a description), and redaction rewrites them
/// all, keeping the structure.
/// </summary>
internal static class JsonStrings
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Appends every string in <paramref name="element"/>, decoded, one per line.</summary>
    public static void Collect(JsonElement element, StringBuilder into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                into.Append(element.GetString()).Append('\n');
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    into.Append(property.Name).Append('\n');
                    Collect(property.Value, into);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, into);
                }

                break;
        }
    }

    /// <summary>Appends every string in an argument or result value of any shape a backend or parser may use.</summary>
    public static void CollectValue(object? value, StringBuilder into)
    {
        switch (value)
        {
            case null:
                break;
            case string s:
                into.Append(s).Append('\n');
                break;
            case JsonElement e:
                Collect(e, into);
                break;
            default:
                if (AsElement(value) is { } element)
                {
                    Collect(element, into);
                }

                break;
        }
    }

    /// <summary>
    /// <paramref name="element"/> with <paramref name="map"/> applied to every string value and property name; the
    /// same element when the map changed nothing.
    /// </summary>
    public static JsonElement Map(JsonElement element, Func<string, string> map)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var changed = false;
        using (var writer = new Utf8JsonWriter(buffer, Relaxed))
        {
            Write(writer, element, map, ref changed);
        }

        if (!changed)
        {
            return element;
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// An argument or result value with <paramref name="map"/> applied to every string in it: strings stay strings,
    /// JSON stays a <see cref="JsonElement"/>, other shapes (dictionaries, lists, objects) become a JSON element.
    /// Values without strings (numbers, booleans, null) come back as they are.
    /// </summary>
    public static object? MapValue(object? value, Func<string, string> map) => value switch
    {
        null => null,
        string s => map(s),
        JsonElement e => Map(e, map),
        bool or int or long or double or float or decimal => value,
        _ => AsElement(value) is { } element ? Map(element, map) : value,
    };

    /// <summary>Arguments (or any string-keyed map) with every key and every string inside the values mapped.</summary>
    public static Dictionary<string, object?>? MapArguments(IDictionary<string, object?>? arguments, Func<string, string> map)
    {
        if (arguments is null)
        {
            return null;
        }

        var result = new Dictionary<string, object?>(arguments.Count, StringComparer.Ordinal);
        foreach (var (key, value) in arguments)
        {
            result[map(key)] = MapValue(value, map);
        }

        return result;
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, Func<string, string> map, ref bool changed)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                writer.WriteStringValue(Mapped(element.GetString()!, map, ref changed));
                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(Mapped(property.Name, map, ref changed));
                    Write(writer, property.Value, map, ref changed);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, map, ref changed);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static string Mapped(string text, Func<string, string> map, ref bool changed)
    {
        var result = map(text);
        changed |= !ReferenceEquals(result, text) && !string.Equals(result, text, StringComparison.Ordinal);
        return result;
    }

    /// <summary>Any other value as the JSON Microsoft.Extensions.AI would send for it, or null when it cannot be serialized.</summary>
    private static JsonElement? AsElement(object value)
    {
        try
        {
            return value switch
            {
                JsonNode node => JsonSerializer.SerializeToElement(node, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonNode))),
                IDictionary<string, object?> map => JsonSerializer.SerializeToElement(map, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))),
                IEnumerable list and not string => JsonSerializer.SerializeToElement(list.Cast<object?>().ToList(), AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(List<object?>))),
                _ => JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType())),
            };
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException)
        {
            return null;
        }
    }
}
