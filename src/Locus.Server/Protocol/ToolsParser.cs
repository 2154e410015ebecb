using System.Text.Json;
using Locus.Core.Errors;
using Locus.Wire.OpenAI;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol;

/// <summary>
/// Reads OpenAI's <c>tools</c> (functions with a JSON schema), <c>tool_choice</c> and <c>parallel_tool_calls</c> onto
/// <see cref="ChatOptions"/>. Whether the model can call tools is the backend's business (a local one refuses).
/// </summary>
internal static class ToolsParser
{
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
            throw Fields.Invalid($"{path}.type", "unsupported_value", $"Tools of type '{type}' are not supported: only 'function' is.");
        }

        if (!Fields.TryGet(tool, "function", out var function))
        {
            throw Fields.Missing($"{path}.function");
        }

        if (function.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType($"{path}.function", "an object", function);
        }

        var name = ToolDeclarations.Name(function, $"{path}.function.name", names);
        var description = Fields.OptionalString(function, "description", $"{path}.function.description");
        var schema = ToolDeclarations.Schema(function, "parameters", $"{path}.function.parameters", required: false);
        // strict (arguments that must match the schema) goes on to the backend and to an upstream as sent.
        var strict = Fields.Boolean(function, "strict", $"{path}.function.strict");
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
            return OpenAIMapping.ToToolMode(choice.GetString()) switch
            {
                RequiredChatToolMode when tools.Count == 0 => throw NoTools(),
                { } mode => mode,
                null => throw Fields.Invalid("tool_choice", "invalid_value",
                    $"Invalid value for 'tool_choice': '{choice.GetString()}'. Supported values are 'none', 'auto', 'required' or {{\"type\":\"function\",\"function\":{{\"name\":...}}}}."),
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

        if (!Fields.TryGet(choice, "function", out var function))
        {
            throw Fields.Missing("tool_choice.function");
        }

        if (function.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType("tool_choice.function", "an object", function);
        }

        var name = Fields.RequiredString(function, "name", "tool_choice.function.name");
        return tools.Count > 0 ? ToolDeclarations.RequireSpecific(name, tools, "tool_choice.function.name") : throw NoTools();
    }

    private static LocusException NoTools() => Fields.Invalid("tool_choice", "invalid_value",
        "Invalid value for 'tool_choice': a tool can only be required when 'tools' defines some.");
}
