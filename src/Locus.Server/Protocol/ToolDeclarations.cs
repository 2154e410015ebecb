using System.Text.Json;
using Locus.Wire;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol;

/// <summary>
/// Checks shared by both APIs' tool definitions. A backend that gets a bad definition fails far from the cause (or a
/// cloud provider rejects it with its own wording), so each problem is a 400 here that names the field.
/// </summary>
internal static class ToolDeclarations
{
    /// <summary>OpenAI's documented limit; Anthropic's is undocumented but no real request needs more.</summary>
    public const int MaxTools = 128;

    private const int MaxNameLength = 64;

    public static void CheckCount(JsonElement array, string param)
    {
        if (array.GetArrayLength() > MaxTools)
        {
            throw Fields.Invalid(param, "invalid_value", $"'{param}' may hold at most {MaxTools} tools, but holds {array.GetArrayLength()}.");
        }
    }

    /// <summary>Both APIs require names of 1–64 letters, digits, underscores and dashes, unique within the request.</summary>
    public static string Name(JsonElement obj, string param, HashSet<string> seen)
    {
        var name = Fields.RequiredString(obj, "name", param);
        if (name.Length > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw Fields.Invalid(param, "invalid_value",
                $"Invalid '{param}': '{Shorten(name)}'. Tool names must be 1 to {MaxNameLength} characters of a-z, A-Z, 0-9, '_' and '-'.");
        }

        if (!seen.Add(name))
        {
            throw Fields.Invalid(param, "invalid_value", $"Invalid '{param}': a tool named '{name}' is already defined; tool names must be unique.");
        }

        return name;
    }

    /// <summary>The JSON schema of the arguments: an object schema (a tool takes named arguments), cloned out of the request.</summary>
    public static JsonElement Schema(JsonElement obj, string name, string param, bool required)
    {
        if (!Fields.TryGet(obj, name, out var schema))
        {
            return required ? throw Fields.Missing(param) : ToolSchemas.NoParameters;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType(param, "a JSON schema object", schema);
        }

        if (Fields.TryGet(schema, "type", out var type) && !(type.ValueKind == JsonValueKind.String && type.GetString() == "object"))
        {
            throw Fields.Invalid($"{param}.type", "invalid_value",
                $"Invalid schema in '{param}': the arguments must be described by a schema of type \"object\", but got {type.GetRawText()}.");
        }

        return schema.Clone();
    }

    /// <summary>The declaration as received: schema unchanged, and <c>strict</c> kept for an upstream (see <see cref="DeclaredFunction"/>).</summary>
    public static AITool Create(string name, string? description, JsonElement schema, bool? strict) =>
        new DeclaredFunction(name, description, schema, strict);

    /// <summary>A choice of one named tool must name a tool the request defines.</summary>
    public static ChatToolMode RequireSpecific(string name, IReadOnlyCollection<AITool> tools, string param) =>
        tools.Any(t => t.Name == name)
            ? ChatToolMode.RequireSpecific(name)
            : throw Fields.Invalid(param, "invalid_value", $"Invalid '{param}': no tool named '{Shorten(name)}' is defined in 'tools'.");

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "...";

    /// <summary>
    /// The request's <c>tools</c> array (empty when absent), each element read by <paramref name="parseTool"/>, which
    /// gets the element, its path and the names seen so far (tool names must be unique).
    /// </summary>
    public static List<T> ParseArray<T>(JsonElement root, Func<JsonElement, string, HashSet<string>, T> parseTool)
    {
        if (!Fields.TryGet(root, "tools", out var array))
        {
            return [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType("tools", "an array", array);
        }

        CheckCount(array, "tools");

        var tools = new List<T>(array.GetArrayLength());
        var names = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var tool in array.EnumerateArray())
        {
            tools.Add(parseTool(tool, $"tools[{i++}]", names));
        }

        return tools;
    }
}
