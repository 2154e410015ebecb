using System.Text.Json;
using Locus.Wire.OpenAI;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol.Responses;

/// <summary>
/// The Responses API's <c>tools</c> (flat function tools: <c>{"type":"function","name","description","parameters",
/// "strict"}</c>), <c>tool_choice</c> (<c>"none"</c>, <c>"auto"</c>, <c>"required"</c> or <c>{"type":"function","name"}</c>)
/// and <c>parallel_tool_calls</c>, onto <see cref="ChatOptions"/> with the checks chat's tools get.
/// </summary>
internal static class ResponsesToolsParser
{
    private static readonly HashSet<string> BuiltInTools = new(StringComparer.Ordinal)
    {
        "file_search", "web_search", "web_search_preview", "computer_use_preview", "computer-preview", "mcp", "code_interpreter",
        "image_generation", "local_shell", "shell", "custom", "apply_patch",
    };

    public static void Parse(JsonElement root, ChatOptions options)
    {
        var tools = ToolDeclarations.ParseArray(root, ParseTool);
        if (tools.Count > 0)
        {
            options.Tools = tools;
        }

        options.ToolMode = ParseChoice(root, tools);
        options.AllowMultipleToolCalls = Fields.Boolean(root, "parallel_tool_calls");
    }

    private static AITool ParseTool(JsonElement tool, string path, HashSet<string> names)
    {
        if (tool.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType(path, "an object", tool);
        }

        var type = Fields.RequiredString(tool, "type", $"{path}.type");
        if (type != "function")
        {
            throw Fields.Invalid($"{path}.type", BuiltInTools.Contains(type) ? "unsupported_value" : "invalid_value",
                $"Tools of type '{type}' are not supported: only 'function' is (this server runs no built-in tools).");
        }

        var name = ToolDeclarations.Name(tool, $"{path}.name", names);
        var description = Fields.OptionalString(tool, "description", $"{path}.description");
        var schema = ToolDeclarations.Schema(tool, "parameters", $"{path}.parameters", required: false);
        var strict = Fields.Boolean(tool, "strict", $"{path}.strict");
        return ToolDeclarations.Create(name, description, schema, strict);
    }

    private static ChatToolMode? ParseChoice(JsonElement root, List<AITool> tools)
    {
        if (!Fields.TryGet(root, "tool_choice", out var choice))
        {
            return null;
        }

        if (choice.ValueKind == JsonValueKind.String)
        {
            var text = Fields.String(choice, "tool_choice");
            return OpenAIMapping.ToToolMode(text) switch
            {
                RequiredChatToolMode when tools.Count == 0 => throw NoTools(),
                { } mode => mode,
                null => throw Fields.Invalid("tool_choice", "invalid_value",
                    $"Invalid value for 'tool_choice': '{text}'. Supported values are 'none', 'auto', 'required' or {{\"type\":\"function\",\"name\":...}}."),
            };
        }

        if (choice.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType("tool_choice", "a string or an object", choice);
        }

        var type = Fields.RequiredString(choice, "type", "tool_choice.type");
        if (type != "function")
        {
            throw Fields.Invalid("tool_choice.type", "invalid_value", $"Invalid value for 'tool_choice.type': '{type}'. Supported value: 'function'.");
        }

        var name = Fields.RequiredString(choice, "name", "tool_choice.name");
        return tools.Count > 0 ? ToolDeclarations.RequireSpecific(name, tools, "tool_choice.name") : throw NoTools();
    }

    private static Core.Errors.LocusException NoTools() => Fields.Invalid("tool_choice", "invalid_value",
        "Invalid value for 'tool_choice': a tool can only be required when 'tools' defines some.");
}
