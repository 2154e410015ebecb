using System.Text.Json;
using Locus.Wire.OpenAI;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol.Responses;

/// <summary>
/// The Responses API's <c>tools</c> (flat function tools: <c>{"type":"function","name","description","parameters",
/// "strict"}</c>, and namespaces of them: see <see cref="ToolNamespaces"/>), <c>tool_choice</c> (<c>"none"</c>, <c>"auto"</c>, <c>"required"</c> or <c>{"type":"function","name"}</c>)
/// and <c>parallel_tool_calls</c>, onto <see cref="ChatOptions"/> with the checks chat's tools get.
/// Built-in tools that OpenAI runs on its side (<c>web_search</c>, <c>file_search</c>, ...) are left out: nothing here
/// runs them, and agents such as Codex send them with every request; the response's <c>tools</c> echo keeps them.
/// </summary>
internal static class ResponsesToolsParser
{
    private static readonly HashSet<string> BuiltInTools = new(StringComparer.Ordinal)
    {
        "file_search", "web_search", "web_search_preview", "computer_use_preview", "computer-preview", "mcp", "code_interpreter",
        "image_generation", "local_shell", "shell", "custom", "apply_patch",
    };

    /// <summary>Reads the tools into <paramref name="options"/>; returns the namespaces declared (empty when none).</summary>
    public static IReadOnlySet<string> Parse(JsonElement root, ChatOptions options)
    {
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        var tools = ToolDeclarations.ParseArray(root, (tool, path, names) => ParseEntry(tool, path, names, namespaces))
            .SelectMany(t => t).ToList();
        if (tools.Count > 0)
        {
            options.Tools = tools;
        }

        options.ToolMode = ParseChoice(root, tools);
        options.AllowMultipleToolCalls = Fields.Boolean(root, "parallel_tool_calls");
        return namespaces;
    }

    private static IReadOnlyList<AITool> ParseEntry(JsonElement tool, string path, HashSet<string> names, HashSet<string> namespaces)
    {
        var type = TypeOf(tool, path);
        if (BuiltInTools.Contains(type))
        {
            return [];
        }

        if (type != "namespace")
        {
            return [ParseFunction(tool, path, names, null, type)];
        }

        var ns = ToolDeclarations.Name(tool, $"{path}.name", namespaces);
        if (!Fields.TryGet(tool, "tools", out var inner))
        {
            throw Fields.Missing($"{path}.tools");
        }

        if (inner.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType($"{path}.tools", "an array", inner);
        }

        return [.. inner.EnumerateArray().Select((t, i) => ParseFunction(t, $"{path}.tools[{i}]", names, ns, TypeOf(t, $"{path}.tools[{i}]")))];
    }

    private static string TypeOf(JsonElement tool, string path) =>
        tool.ValueKind == JsonValueKind.Object ? Fields.RequiredString(tool, "type", $"{path}.type") : throw Fields.WrongType(path, "an object", tool);

    private static AITool ParseFunction(JsonElement tool, string path, HashSet<string> names, string? ns, string type)
    {
        if (type != "function")
        {
            throw Fields.Invalid($"{path}.type", "invalid_value",
                $"Invalid value for '{path}.type': '{type}'. Supported values are 'function', 'namespace' and OpenAI's built-in tools (which are left out here).");
        }

        var name = ToolDeclarations.Name(tool, $"{path}.name", ns is null ? names : []);
        if (ns is not null)
        {
            name = ToolNamespaces.Qualify(ns, name);
            if (!names.Add(name))
            {
                throw Fields.Invalid($"{path}.name", "invalid_value", $"Invalid '{path}.name': a tool named '{name}' is already defined; tool names must be unique.");
            }
        }

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
            var text = choice.GetString()!;
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
