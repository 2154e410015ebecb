using System.Text.Json;
using Locus.Core.Errors;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol.Anthropic;

/// <summary>
/// Reads Anthropic's <c>tools</c> (custom tools: name, description, input_schema) and <c>tool_choice</c> onto
/// <see cref="ChatOptions"/>, the same members chat completions fills.
/// </summary>
internal static class AnthropicToolsParser
{
    public static void Parse(JsonElement root, ChatOptions options)
    {
        var tools = ToolDeclarations.ParseArray(root, ParseTool);
        if (tools.Count > 0)
        {
            options.Tools = tools;
        }

        ParseChoice(root, tools, options);
    }

    private static AITool ParseTool(JsonElement tool, string path, HashSet<string> names)
    {
        if (tool.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType(path, "an object", tool);
        }
        // Versioned types (web_search_20250305, bash_20250124, ...) are tools that Anthropic's own servers run.
        if (Fields.OptionalString(tool, "type", $"{path}.type") is { } type && type != "custom")
        {
            throw Fields.Invalid($"{path}.type", "unsupported_value",
                $"Invalid '{path}.type': tools of type '{type}' are not supported: they run on Anthropic's servers. Define a custom tool with 'name' and 'input_schema'.");
        }

        var name = ToolDeclarations.Name(tool, $"{path}.name", names);
        var description = Fields.OptionalString(tool, "description", $"{path}.description");
        var schema = ToolDeclarations.Schema(tool, "input_schema", $"{path}.input_schema", required: true);
        var strict = Fields.Boolean(tool, "strict", $"{path}.strict");
        return ToolDeclarations.Create(name, description, schema, strict);
    }

    private static void ParseChoice(JsonElement root, List<AITool> tools, ChatOptions options)
    {
        if (!Fields.TryGet(root, "tool_choice", out var choice))
        {
            return;
        }

        if (choice.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType("tool_choice", "an object", choice);
        }

        var type = Fields.RequiredString(choice, "type", "tool_choice.type");
        options.ToolMode = type switch
        {
            "auto" => ChatToolMode.Auto,
            "none" => ChatToolMode.None,
            "any" => tools.Count > 0 ? ChatToolMode.RequireAny : throw NoTools(type),
            "tool" => tools.Count > 0
                ? ToolDeclarations.RequireSpecific(Fields.RequiredString(choice, "name", "tool_choice.name"), tools, "tool_choice.name")
                : throw NoTools(type),
            _ => throw Fields.Invalid("tool_choice.type", "invalid_value",
                $"Invalid value for 'tool_choice.type': '{type}'. Supported values are 'auto', 'any', 'tool' and 'none'."),
        };
        if (Fields.Boolean(choice, "disable_parallel_tool_use", "tool_choice.disable_parallel_tool_use") is { } single)
        {
            options.AllowMultipleToolCalls = !single;
        }
    }

    private static LocusException NoTools(string type) => Fields.Invalid("tool_choice", "invalid_value",
        $"Invalid 'tool_choice': type '{type}' requires a tool, but 'tools' defines none.");
}
