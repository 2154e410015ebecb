using System.Text.Json;
using Locus.Wire.OpenAI;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol;

/// <summary>Reads <c>messages</c>: system/developer/user/assistant turns, assistant tool calls and tool results.</summary>
internal static class MessagesParser
{
    public static List<ChatMessage> Parse(JsonElement root)
    {
        if (!Fields.TryGet(root, "messages", out var array))
        {
            throw Fields.Missing("messages");
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType("messages", "an array", array);
        }

        if (array.GetArrayLength() == 0)
        {
            throw Fields.Invalid("messages", "empty_array", "'messages' must contain at least one message.");
        }

        var messages = new List<ChatMessage>(array.GetArrayLength());
        var callIds = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            messages.Add(ParseMessage(item, $"messages[{i++}]", callIds));
        }

        return messages;
    }

    private static ChatMessage ParseMessage(JsonElement m, string path, HashSet<string> callIds)
    {
        if (m.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType(path, "an object", m);
        }

        var role = ParseRole(Fields.RequiredString(m, "role", $"{path}.role"), $"{path}.role");
        if (Fields.TryGet(m, "function_call", out _))
        {
            throw Fields.Unsupported($"{path}.function_call", "legacy function calling is not available; use 'tool_calls'.");
        }

        if (role == ChatRole.Tool)
        {
            return ToolMessagesParser.ParseResult(m, path, callIds);
        }

        List<AIContent> calls = role == ChatRole.Assistant && Fields.TryGet(m, "tool_calls", out var toolCalls)
            ? ToolMessagesParser.ParseCalls(toolCalls, $"{path}.tool_calls", callIds)
            : [];
        // An assistant turn that only calls tools has no content (OpenAI sends null).
        var contents = calls.Count > 0 && !Fields.TryGet(m, "content", out _) ? [] : ContentParser.Parse(m, $"{path}.content");
        contents.AddRange(calls);
        return new ChatMessage(role, contents)
        {
            AuthorName = Fields.OptionalString(m, "name", $"{path}.name"),
        };
    }

    // "developer" is OpenAI's newer name for system instructions; local chat templates know only "system".
    private static ChatRole ParseRole(string role, string param) => role switch
    {
        "function" => throw Fields.Invalid(param, "unsupported_value",
            "Role 'function' (legacy function calling) is not supported: answer tool calls with role 'tool'."),
        _ => OpenAIMapping.ToChatRole(role) ?? throw Fields.Invalid(param, "invalid_value",
            $"Invalid value for '{param}': '{role}'. Supported values are 'system', 'developer', 'user', 'assistant' and 'tool'."),
    };
}
