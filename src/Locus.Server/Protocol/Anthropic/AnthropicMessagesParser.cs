using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol.Anthropic;

/// <summary>
/// Reads <c>system</c> and <c>messages</c> into chat messages. Anthropic puts tool results inside user turns; here they
/// become <see cref="ChatRole.Tool"/> messages (as Microsoft.Extensions.AI and OpenAI have them), in the same order.
/// </summary>
/// <remarks>
/// Claude Code sends system-role entries inside <c>messages</c> (a per-turn system reminder); they are folded into the
/// one system prompt, in order, after the top-level <c>system</c>: every chat template here takes one system message
/// first, and a system turn mid-conversation would be refused by most of them. Members of such an entry other than
/// role and content (a per-turn <c>output_config</c>) are accepted and not used.
/// </remarks>
internal static class AnthropicMessagesParser
{
    public static List<ChatMessage> Parse(JsonElement root)
    {
        var messages = new List<ChatMessage>();
        var system = ParseSystem(root);

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
            ParseMessage(item, $"messages[{i}]", i == count - 1, toolUseIds, messages, system);
            i++;
        }

        if (system.Count > 0)
        {
            messages.Insert(0, new ChatMessage(ChatRole.System, system));
        }

        if (!messages.Any(m => m.Role != ChatRole.System))
        {
            throw Fields.Invalid("messages", "invalid_value", "'messages' holds only system entries: add at least one user message.");
        }

        return messages;
    }

    private static List<AIContent> ParseSystem(JsonElement root)
    {
        if (!Fields.TryGet(root, "system", out var system))
        {
            return [];
        }

        if (system.ValueKind == JsonValueKind.String)
        {
            return system.GetString() is { Length: > 0 } text ? [new TextContent(text)] : [];
        }

        if (system.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType("system", "a string or an array of text blocks", system);
        }

        return SystemBlocks(system, "system");
    }

    private static List<AIContent> SystemBlocks(JsonElement array, string param)
    {
        var parts = new List<AIContent>(array.GetArrayLength());
        var i = 0;
        foreach (var block in array.EnumerateArray())
        {
            var path = $"{param}[{i++}]";
            var type = AnthropicContentParser.BlockType(block, path);
            if (type != "text")
            {
                throw Fields.Invalid($"{path}.type", "invalid_value", $"Invalid value for '{path}.type': '{type}'. System prompts hold 'text' blocks only.");
            }

            parts.Add(AnthropicContentParser.Text(block, path));
        }
        return parts;
    }

    // A system entry in messages: text (a string or text blocks) added to the system prompt.
    private static void FoldSystem(JsonElement m, string path, List<AIContent> system)
    {
        var param = $"{path}.content";
        if (!Fields.TryGet(m, "content", out var content))
        {
            throw Fields.Missing(param);
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            if (content.GetString() is { Length: > 0 } text)
            {
                system.Add(new TextContent(text));
            }

            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType(param, "a string or an array of text blocks", content);
        }

        system.AddRange(SystemBlocks(content, param));
    }

    private static void ParseMessage(
        JsonElement m, string path, bool last, HashSet<string> toolUseIds, List<ChatMessage> messages, List<AIContent> system)
    {
        if (m.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType(path, "an object", m);
        }

        var role = Fields.RequiredString(m, "role", $"{path}.role") switch
        {
            "user" => ChatRole.User,
            "assistant" => ChatRole.Assistant,
            "system" => ChatRole.System,
            var other => throw Fields.Invalid($"{path}.role", "invalid_value",
                $"Invalid value for '{path}.role': '{other}'. Supported values are 'user', 'assistant' and 'system'."),
        };
        if (role == ChatRole.System)
        {
            FoldSystem(m, path, system);
            return;
        }

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
