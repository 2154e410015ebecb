using System.Text.Json;
using Locus.Server.Protocol;
using Locus.Wire;
using Microsoft.Extensions.AI;

namespace Locus.Server.Ollama;

/// <summary>
/// Reads <c>/api/chat</c>'s <c>messages</c>: system, user, assistant (with <c>tool_calls</c> whose arguments are JSON
/// objects) and tool turns (<c>tool_name</c>, or <c>tool_call_id</c>, says which call a result answers).
/// </summary>
/// <remarks>
/// Ollama's calls usually carry no id, but chat templates and cloud providers pair results with calls by id; a call
/// without one gets <c>call_N</c> (N counts the conversation's calls), and a result is paired with the call it names
/// by id, else with the first unanswered call of its <c>tool_name</c>, else with the first unanswered call.
/// </remarks>
internal static class OllamaMessagesParser
{
    public static List<ChatMessage> Parse(JsonElement root)
    {
        if (!Fields.TryGet(root, "messages", out var array))
        {
            return [];
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType("messages", "an array", array);
        }

        var messages = new List<ChatMessage>(array.GetArrayLength());
        var calls = new List<FunctionCallContent>();
        var answered = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            messages.Add(ParseMessage(item, $"messages[{i++}]", calls, answered));
        }

        return messages;
    }

    private static ChatMessage ParseMessage(JsonElement m, string path, List<FunctionCallContent> calls, HashSet<string> answered)
    {
        if (m.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType(path, "an object", m);
        }

        var role = Role(Fields.RequiredString(m, "role", $"{path}.role"), $"{path}.role");
        var content = Fields.OptionalString(m, "content", $"{path}.content") ?? "";
        OllamaOptionsParser.RejectImages(m, $"{path}.images");
        // An earlier answer's reasoning is not sent back to the model, as Ollama's own templates drop it.
        Fields.OptionalString(m, "thinking", $"{path}.thinking");
        var toolName = Fields.OptionalString(m, "tool_name", $"{path}.tool_name");
        var toolCallId = Fields.OptionalString(m, "tool_call_id", $"{path}.tool_call_id");
        if (role == ChatRole.Tool)
        {
            var callId = Answer(calls, answered, toolCallId, toolName, path);
            return new ChatMessage(ChatRole.Tool, [new FunctionResultContent(callId, content)]);
        }

        var contents = new List<AIContent>();
        if (content.Length > 0)
        {
            contents.Add(new TextContent(content));
        }

        if (Fields.TryGet(m, "tool_calls", out var toolCalls))
        {
            if (role != ChatRole.Assistant)
            {
                throw Fields.Invalid($"{path}.tool_calls", "invalid_value", $"Only assistant messages have 'tool_calls', but {path} is a {role.Value} message.");
            }

            contents.AddRange(ParseCalls(toolCalls, $"{path}.tool_calls", calls));
        }

        if (contents.Count == 0)
        {
            contents.Add(new TextContent(""));
        }

        return new ChatMessage(role, contents);
    }

    private static ChatRole Role(string role, string param) => role switch
    {
        "system" => ChatRole.System,
        "user" => ChatRole.User,
        "assistant" => ChatRole.Assistant,
        "tool" => ChatRole.Tool,
        _ => throw Fields.Invalid(param, "invalid_value",
            $"Invalid value for '{param}': '{(role.Length <= 40 ? role : role[..40] + "...")}'. Supported values are 'system', 'user', 'assistant' and 'tool'."),
    };

    private static List<FunctionCallContent> ParseCalls(JsonElement array, string param, List<FunctionCallContent> calls)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType(param, "an array", array);
        }

        var parsed = new List<FunctionCallContent>(array.GetArrayLength());
        var i = 0;
        foreach (var call in array.EnumerateArray())
        {
            var path = $"{param}[{i++}]";
            if (call.ValueKind != JsonValueKind.Object)
            {
                throw Fields.WrongType(path, "an object", call);
            }

            var id = Fields.OptionalString(call, "id", $"{path}.id") is { Length: > 0 } given ? given : $"call_{calls.Count}";
            if (!Fields.TryGet(call, "function", out var function))
            {
                throw Fields.Missing($"{path}.function");
            }

            if (function.ValueKind != JsonValueKind.Object)
            {
                throw Fields.WrongType($"{path}.function", "an object", function);
            }

            var name = Fields.RequiredString(function, "name", $"{path}.function.name");
            JsonElement? arguments = null;
            if (Fields.TryGet(function, "arguments", out var args))
            {
                arguments = args.ValueKind == JsonValueKind.Object
                    ? args
                    : throw Fields.WrongType($"{path}.function.arguments", "a JSON object", args);
            }

            Fields.Integer(function, "index", 0, int.MaxValue);
            var content = ToolArguments.ToCall(id, name, arguments);
            calls.Add(content);
            parsed.Add(content);
        }

        return parsed;
    }

    private static string Answer(List<FunctionCallContent> calls, HashSet<string> answered, string? id, string? name, string path)
    {
        var open = calls.Where(c => !answered.Contains(c.CallId)).ToList();
        var call = id is { Length: > 0 }
            ? calls.FirstOrDefault(c => c.CallId == id)
              ?? throw Fields.Invalid($"{path}.tool_call_id", "invalid_value", $"Invalid '{path}.tool_call_id': no earlier assistant message has a tool call with id '{id}'.")
            : open.FirstOrDefault(c => c.Name == name) ?? open.FirstOrDefault();
        if (call is null)
        {
            throw Fields.Invalid(path, "invalid_value",
                $"Invalid '{path}': a 'tool' message must answer a call from an earlier assistant message's 'tool_calls', and every call is answered already.");
        }

        answered.Add(call.CallId);
        return call.CallId;
    }
}
