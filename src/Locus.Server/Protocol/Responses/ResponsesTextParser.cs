using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol.Responses;

/// <summary>
/// <c>text.format</c>: <c>{"type":"text"}</c>, <c>{"type":"json_object"}</c> or <c>{"type":"json_schema","name","schema",
/// "description"?,"strict"?}</c> (flat, unlike chat's <c>response_format</c>), onto <see cref="ChatOptions.ResponseFormat"/>
/// with <see cref="ResponseFormatParser"/>'s checks. A local model is then held to the schema by a grammar.
/// </summary>
internal static class ResponsesTextParser
{
    public static void Parse(JsonElement root, ChatOptions options)
    {
        if (!Fields.TryGet(root, "text", out var text))
        {
            return;
        }

        if (text.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType("text", "an object", text);
        }

        if (Fields.OptionalString(text, "verbosity", "text.verbosity") is { } verbosity and not ("low" or "medium" or "high"))
        {
            throw Fields.Invalid("text.verbosity", "invalid_value", $"Invalid value for 'text.verbosity': '{verbosity}'. Supported values are 'low', 'medium' and 'high'.");
        }

        if (!Fields.TryGet(text, "format", out var format))
        {
            return;
        }

        ResponseFormatParser.ApplyFormat(format, "text.format", options, json => ResponseFormatParser.ApplyJsonSchema(json, "text.format", options));
    }
}
