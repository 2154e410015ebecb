using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol;

/// <summary>Reads <c>messages</c>: text-only system/developer/user/assistant turns.</summary>
internal static class MessagesParser
{
    public static List<ChatMessage> Parse(JsonElement root)
    {
        if (!Fields.TryGet(root, "messages", out var array))
            throw Fields.Missing("messages");
        if (array.ValueKind != JsonValueKind.Array)
            throw Fields.WrongType("messages", "an array", array);
        if (array.GetArrayLength() == 0)
            throw Fields.Invalid("messages", "empty_array", "'messages' must contain at least one message.");

        var messages = new List<ChatMessage>(array.GetArrayLength());
        var i = 0;
        foreach (var item in array.EnumerateArray())
            messages.Add(ParseMessage(item, $"messages[{i++}]"));
        return messages;
    }

    private static ChatMessage ParseMessage(JsonElement m, string path)
    {
        if (m.ValueKind != JsonValueKind.Object)
            throw Fields.WrongType(path, "an object", m);
        var role = ParseRole(Fields.RequiredString(m, "role", $"{path}.role"), $"{path}.role");
        if (Fields.TryGet(m, "tool_calls", out var calls) && (calls.ValueKind != JsonValueKind.Array || calls.GetArrayLength() > 0))
            throw Fields.Unsupported($"{path}.tool_calls", "this server does not do tool calling.");
        if (Fields.TryGet(m, "function_call", out _))
            throw Fields.Unsupported($"{path}.function_call", "this server does not do function calling.");
        return new ChatMessage(role, ContentParser.Parse(m, $"{path}.content"))
        {
            AuthorName = Fields.OptionalString(m, "name", $"{path}.name"),
        };
    }

    private static ChatRole ParseRole(string role, string param) => role switch
    {
        // "developer" is OpenAI's newer name for system instructions; local chat templates know only "system".
        "system" or "developer" => ChatRole.System,
        "user" => ChatRole.User,
        "assistant" => ChatRole.Assistant,
        "tool" or "function" => throw Fields.Invalid(param, "unsupported_value",
            $"Role '{role}' is not supported yet: this server does not do tool calling."),
        _ => throw Fields.Invalid(param, "invalid_value",
            $"Invalid value for '{param}': '{role}'. Supported values are 'system', 'developer', 'user' and 'assistant'."),
    };
}
