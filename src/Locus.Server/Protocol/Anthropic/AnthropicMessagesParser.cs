using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol.Anthropic;

/// <summary>
/// Reads <c>system</c> and <c>messages</c> into chat messages. Anthropic puts tool results inside user turns; here they
/// become <see cref="ChatRole.Tool"/> messages (as Microsoft.Extensions.AI and OpenAI have them), in the same order.
/// </summary>
internal static class AnthropicMessagesParser
{
    public static List<ChatMessage> Parse(JsonElement root)
    {
        var messages = new List<ChatMessage>();
        if (ParseSystem(root) is { } system)
        {
            messages.Add(system);
        }

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

        var toolUseIds = new HashSet<string>(StringComparer.Ordinal);
        var count = array.GetArrayLength();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            ParseMessage(item, $"messages[{i}]", i == count - 1, toolUseIds, messages);
            i++;
        }
        return messages;
    }

    private static ChatMessage? ParseSystem(JsonElement root)
    {
        if (!Fields.TryGet(root, "system", out var system))
        {
            return null;
        }

        if (system.ValueKind == JsonValueKind.String)
        {
            return system.GetString() is { Length: > 0 } text ? new ChatMessage(ChatRole.System, text) : null;
        }

        if (system.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType("system", "a string or an array of text blocks", system);
        }

        var parts = new List<AIContent>(system.GetArrayLength());
        var i = 0;
        foreach (var block in system.EnumerateArray())
        {
            var path = $"system[{i++}]";
            var type = AnthropicContentParser.BlockType(block, path);
            if (type != "text")
            {
                throw Fields.Invalid($"{path}.type", "invalid_value", $"Invalid value for '{path}.type': '{type}'. System prompts hold 'text' blocks only.");
            }

            parts.Add(AnthropicContentParser.Text(block, path));
        }
        return parts.Count > 0 ? new ChatMessage(ChatRole.System, parts) : null;
    }

    private static void ParseMessage(JsonElement m, string path, bool last, HashSet<string> toolUseIds, List<ChatMessage> messages)
    {
        if (m.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType(path, "an object", m);
        }

        var role = Fields.RequiredString(m, "role", $"{path}.role") switch
        {
            "user" => ChatRole.User,
            "assistant" => ChatRole.Assistant,
            "system" => throw Fields.Invalid($"{path}.role", "invalid_value",
                $"Invalid value for '{path}.role': 'system'. The Messages API takes system instructions in the top-level 'system' parameter."),
            var other => throw Fields.Invalid($"{path}.role", "invalid_value",
                $"Invalid value for '{path}.role': '{other}'. Supported values are 'user' and 'assistant'."),
        };
        var blocks = AnthropicContentParser.Parse(m, $"{path}.content", role, toolUseIds);
        // Anthropic's rule: only the final assistant turn (a prefill the model continues) may be empty.
        if (blocks.Count == 0 && !(last && role == ChatRole.Assistant))
        {
            throw Fields.Invalid($"{path}.content", "invalid_value",
                $"'{path}.content' is empty: every message needs content, except an optional final assistant message.");
        }

        // Consecutive blocks of one kind share a message: tool results one Tool message, the rest one message of the role.
        ChatMessage? current = null;
        foreach (var block in blocks)
        {
            var blockRole = block is FunctionResultContent ? ChatRole.Tool : role;
            if (current is null || current.Role != blockRole)
            {
                messages.Add(current = new ChatMessage(blockRole, []));
            }

            current.Contents.Add(block);
        }
        // An empty final assistant turn asks for nothing (no prefill): it adds no message.
    }
}
