using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Locus.Llama.Tools;

/// <summary>
/// For models whose chat template knows nothing of tools (<see cref="ToolCallFamily.Generic"/>): the system-prompt
/// text that describes the tools and the JSON answer shape, and how earlier calls and tool results are written as
/// plain message text, in the shapes llama.cpp's generic format used (<c>tool_calls</c> / <c>response</c> /
/// <c>tool_response</c>).
/// </summary>
internal static class GenericToolPrompt
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Text to add to the system prompt. <paramref name="namedTool"/> is needed for <see cref="ToolChoiceKind.Named"/>.</summary>
    public static string SystemText(IReadOnlyList<ToolSpec> tools, ToolChoiceKind choice, string? namedTool = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        if (tools.Count == 0)
        {
            throw new ArgumentException("At least one tool is needed to describe tools.", nameof(tools));
        }

        if (choice == ToolChoiceKind.Named && !tools.Any(t => t.Name == namedTool))
        {
            throw new ArgumentException($"The named tool '{namedTool}' is not among the tools offered.", nameof(namedTool));
        }

        var list = new JsonArray();
        foreach (var tool in tools)
        {
            var entry = new JsonObject { ["name"] = tool.Name };
            if (!string.IsNullOrEmpty(tool.Description))
            {
                entry["description"] = tool.Description;
            }

            entry["parameters"] = JsonNode.Parse(tool.ParametersSchema.GetRawText());
            list.Add(entry);
        }

        var sb = new StringBuilder()
            .Append("You can call the following tools:\n\n")
            .Append(list.ToJsonString(Indented))
            .Append("\n\nAnswer with one JSON object only. To call tools, write:\n")
            .Append("{\"tool_calls\": [{\"name\": \"<tool name>\", \"arguments\": {<arguments as the tool's parameters schema says>}}]}\n");
        switch (choice)
        {
            case ToolChoiceKind.Auto:
                sb.Append("To reply to the user instead, write:\n{\"response\": \"<your reply>\"}\n")
                    .Append("Call a tool only when it helps to answer.");
                break;
            case ToolChoiceKind.Required:
                sb.Append("You must call at least one tool now.");
                break;
            case ToolChoiceKind.Named:
                sb.Append("You must call the tool \"").Append(namedTool).Append("\" now.");
                break;
        }

        return sb.ToString();
    }

    /// <summary>An earlier assistant turn's calls, as the assistant message text the model would have written.</summary>
    public static string CallsText(IReadOnlyList<(string Name, string ArgumentsJson, string? Id)> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var list = new JsonArray();
        foreach (var (name, arguments, id) in calls)
        {
            var call = new JsonObject { ["name"] = name, ["arguments"] = ParseArguments(arguments) };
            if (!string.IsNullOrEmpty(id))
            {
                call["id"] = id;
            }

            list.Add(call);
        }

        return new JsonObject { ["tool_calls"] = list }.ToJsonString(Compact);
    }

    /// <summary>A tool's result, as the text of the (user) message that carries it back to the model.</summary>
    public static string ResultText(string toolName, string? callId, string content)
    {
        ArgumentException.ThrowIfNullOrEmpty(toolName);
        ArgumentNullException.ThrowIfNull(content);
        var response = new JsonObject { ["tool"] = toolName };
        if (!string.IsNullOrEmpty(callId))
        {
            response["id"] = callId;
        }

        response["content"] = content;
        return new JsonObject { ["tool_response"] = response }.ToJsonString(Compact);
    }

    /// <summary>Arguments that are not JSON (a model's mistake echoed back) are kept as a string rather than lost.</summary>
    private static JsonNode? ParseArguments(string arguments)
    {
        try
        {
            return JsonNode.Parse(string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments);
        }
        catch (JsonException)
        {
            return JsonValue.Create(arguments);
        }
    }
}
