using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol;

/// <summary>Reads a message's <c>content</c>: a string, or an array of <c>{"type":"text","text":...}</c> parts.</summary>
internal static class ContentParser
{
    public static List<AIContent> Parse(JsonElement message, string param)
    {
        if (!Fields.TryGet(message, "content", out var content))
        {
            throw Fields.Missing(param);
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return [new TextContent(content.GetString())];
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType(param, "a string or an array of content parts", content);
        }

        if (content.GetArrayLength() == 0)
        {
            throw Fields.Invalid(param, "empty_array", $"'{param}' must contain at least one content part.");
        }

        var parts = new List<AIContent>(content.GetArrayLength());
        var i = 0;
        foreach (var part in content.EnumerateArray())
        {
            parts.Add(ParsePart(part, $"{param}[{i++}]"));
        }

        return parts;
    }

    private static TextContent ParsePart(JsonElement part, string path)
    {
        if (part.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType(path, "an object", part);
        }

        var type = Fields.RequiredString(part, "type", $"{path}.type");
        switch (type)
        {
            case "text":
                if (!Fields.TryGet(part, "text", out var text))
                {
                    throw Fields.Missing($"{path}.text");
                }

                return text.ValueKind == JsonValueKind.String
                    ? new TextContent(text.GetString())
                    : throw Fields.WrongType($"{path}.text", "a string", text);
            case "image_url" or "input_audio" or "file" or "refusal":
                throw Fields.Invalid($"{path}.type", "unsupported_value",
                    $"Content parts of type '{type}' are not supported: the models served here take text only.");
            default:
                throw Fields.Invalid($"{path}.type", "invalid_value",
                    $"Invalid value for '{path}.type': '{type}'. Supported value: 'text'.");
        }
    }
}
