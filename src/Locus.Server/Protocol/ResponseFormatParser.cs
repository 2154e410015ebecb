using System.Text.Json;
using Locus.Wire;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol;

/// <summary>
/// Reads OpenAI's <c>response_format</c> onto <see cref="ChatOptions.ResponseFormat"/>: <c>{"type":"text"}</c>,
/// <c>{"type":"json_object"}</c> (any JSON object) or <c>{"type":"json_schema","json_schema":{"name","description"?,
/// "schema","strict"?}}</c>. The schema is kept as received, so an upstream gets it unchanged; <c>strict</c> travels in
/// the options' additional properties (<see cref="ResponseFormats.StrictKey"/>).
/// </summary>
internal static class ResponseFormatParser
{
    private const int MaxNameLength = 64;

    public static void Parse(JsonElement root, ChatOptions options)
    {
        if (!Fields.TryGet(root, "response_format", out var format))
        {
            return;
        }

        ApplyFormat(format, "response_format", options, json => ParseJsonSchema(json, options));
    }

    /// <summary>
    /// A format object (<paramref name="param"/>: chat's <c>response_format</c>, Responses' <c>text.format</c>): text,
    /// json_object, or json_schema, whose spec <paramref name="jsonSchema"/> reads (each API nests it its own way).
    /// </summary>
    public static void ApplyFormat(JsonElement format, string param, ChatOptions options, Action<JsonElement> jsonSchema)
    {
        if (format.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType(param, "an object", format);
        }

        var type = Fields.RequiredString(format, "type", $"{param}.type");
        switch (type)
        {
            case "text":
                options.ResponseFormat = ChatResponseFormat.Text;
                break;
            case "json_object":
                options.ResponseFormat = ChatResponseFormat.Json;
                break;
            case "json_schema":
                jsonSchema(format);
                break;
            default:
                throw Fields.Invalid($"{param}.type", "invalid_value",
                    $"Invalid value for '{param}.type': '{type}'. Supported values are 'text', 'json_object' and 'json_schema'.");
        }
    }

    /// <summary>A JSON schema: an object or a boolean (JSON Schema's "anything" and "nothing"), cloned out of the request.</summary>
    public static JsonElement Schema(JsonElement obj, string param)
    {
        if (!Fields.TryGet(obj, "schema", out var schema))
        {
            throw Fields.Missing(param);
        }

        return schema.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False
            ? schema.Clone()
            : throw Fields.WrongType(param, "a JSON schema (an object or a boolean)", schema);
    }

    private static void ParseJsonSchema(JsonElement format, ChatOptions options)
    {
        if (!Fields.TryGet(format, "json_schema", out var spec))
        {
            throw Fields.Missing("response_format.json_schema");
        }

        if (spec.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType("response_format.json_schema", "an object", spec);
        }

        ApplyJsonSchema(spec, "response_format.json_schema", options);
    }

    /// <summary>
    /// A json_schema format's <c>name</c>, <c>description</c>, <c>schema</c> and <c>strict</c>, read from
    /// <paramref name="spec"/> (chat's <c>response_format.json_schema</c>, or the Responses API's flat <c>text.format</c>)
    /// onto the options; <paramref name="prefix"/> is the spec's path in errors.
    /// </summary>
    public static void ApplyJsonSchema(JsonElement spec, string prefix, ChatOptions options)
    {
        var name = Name(spec, $"{prefix}.name");
        var description = Fields.OptionalString(spec, "description", $"{prefix}.description");
        var schema = Schema(spec, $"{prefix}.schema");
        options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, name, description);
        if (Fields.Boolean(spec, "strict", $"{prefix}.strict") is { } strict)
        {
            (options.AdditionalProperties ??= [])[ResponseFormats.StrictKey] = strict;
        }
    }

    // OpenAI's rule for the name: a-z, A-Z, 0-9, underscores and dashes, at most 64.
    private static string Name(JsonElement spec, string param)
    {
        var name = Fields.RequiredString(spec, "name", param);
        if (name.Length > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            var shown = name.Length <= 80 ? name : name[..80] + "...";
            throw Fields.Invalid(param, "invalid_value",
                $"Invalid '{param}': '{shown}'. The name must be 1 to {MaxNameLength} characters of a-z, A-Z, 0-9, '_' and '-'.");
        }

        return name;
    }
}
