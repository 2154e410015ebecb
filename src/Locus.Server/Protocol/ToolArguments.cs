using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol;

/// <summary>
/// A tool call's arguments between the wire (a JSON object, or OpenAI's JSON text of one) and
/// <see cref="FunctionCallContent.Arguments"/> (a dictionary whose values are <see cref="JsonElement"/>s from us, or any
/// serializable value from a backend).
/// </summary>
internal static class ToolArguments
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    public static Dictionary<string, object?> FromObject(JsonElement obj)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            arguments[property.Name] = property.Value.Clone();
        }

        return arguments;
    }

    /// <summary>OpenAI sends arguments as JSON text; an empty text (some models emit it for no arguments) means none.</summary>
    public static Dictionary<string, object?> FromJsonText(string text, string param)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        try
        {
            using var document = JsonDocument.Parse(text, ParseOptions);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return FromObject(document.RootElement);
            }
        }
        catch (JsonException)
        {
            // Reported below, without the parser's message (which quotes the text).
        }
        throw Fields.Invalid(param, "invalid_value", $"Invalid '{param}': it must be the JSON text of an object, as the model produced it.");
    }

    public static JsonElement ToElement(IDictionary<string, object?>? arguments) =>
        JsonSerializer.SerializeToElement(arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));

    public static string ToJsonText(IDictionary<string, object?>? arguments) =>
        JsonSerializer.Serialize(arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
}
