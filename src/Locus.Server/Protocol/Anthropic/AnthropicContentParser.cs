using System.Text.Json;
using Locus.Core.Errors;
using Locus.Wire;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol.Anthropic;

/// <summary>
/// Reads a message's <c>content</c>: a string, or blocks of type text, tool_use (assistant turns) and tool_result (user
/// turns). Images and documents are refused: every model served here takes text only.
/// </summary>
internal static class AnthropicContentParser
{
    public static List<AIContent> Parse(JsonElement message, string param, ChatRole role, HashSet<string> toolUseIds)
    {
        if (!Fields.TryGet(message, "content", out var content))
        {
            throw Fields.Missing(param);
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString() is { Length: > 0 } text ? [new TextContent(text)] : [];
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType(param, "a string or an array of content blocks", content);
        }

        var blocks = new List<AIContent>(content.GetArrayLength());
        var i = 0;
        foreach (var block in content.EnumerateArray())
        {
            if (ParseBlock(block, $"{param}[{i++}]", role, toolUseIds) is { } parsed)
            {
                blocks.Add(parsed);
            }
        }

        return blocks;
    }

    public static string BlockType(JsonElement block, string path)
    {
        if (block.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType(path, "an object", block);
        }

        return Fields.RequiredString(block, "type", $"{path}.type");
    }

    /// <summary>A text block; Anthropic refuses empty ones, and so does this server.</summary>
    public static TextContent Text(JsonElement block, string path)
    {
        if (!Fields.TryGet(block, "text", out var text))
        {
            throw Fields.Missing($"{path}.text");
        }

        if (text.ValueKind != JsonValueKind.String)
        {
            throw Fields.WrongType($"{path}.text", "a string", text);
        }

        return text.GetString() is { Length: > 0 } s
            ? new TextContent(s)
            : throw Fields.Invalid($"{path}.text", "invalid_value", $"'{path}.text' is empty: text content blocks must be non-empty.");
    }

    // Thinking blocks in assistant turns are an Anthropic model's earlier reasoning, sent back so that it can go on; no
    // model here reads them, so they are dropped (an Anthropic target then sees the turn without them).
    private static AIContent? ParseBlock(JsonElement block, string path, ChatRole role, HashSet<string> toolUseIds)
    {
        var type = BlockType(block, path);
        return type switch
        {
            "text" => Text(block, path),
            "tool_use" when role == ChatRole.Assistant => ToolUse(block, path, toolUseIds),
            "tool_result" when role == ChatRole.User => ToolResult(block, path, toolUseIds),
            "tool_use" or "tool_result" => throw Fields.Invalid($"{path}.type", "invalid_value",
                $"'{type}' blocks belong in {(type == "tool_use" ? "assistant" : "user")} messages, not in {role.Value} messages ('{path}')."),
            "thinking" or "redacted_thinking" when role == ChatRole.Assistant => null,
            "image" or "document" => throw Unsupported(path, type, "the models served here take text only"),
            "thinking" or "redacted_thinking" or "server_tool_use" or "web_search_tool_result" or "search_result" or "container_upload" =>
                throw Unsupported(path, type, "this server has no thinking or server tools"),
            _ => throw Fields.Invalid($"{path}.type", "invalid_value",
                $"Invalid value for '{path}.type': '{type}'. Supported values are 'text', 'tool_use' and 'tool_result'."),
        };
    }

    private static FunctionCallContent ToolUse(JsonElement block, string path, HashSet<string> toolUseIds)
    {
        var id = Fields.RequiredString(block, "id", $"{path}.id");
        var name = Fields.RequiredString(block, "name", $"{path}.name");
        if (!Fields.TryGet(block, "input", out var input))
        {
            throw Fields.Missing($"{path}.input");
        }

        if (input.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType($"{path}.input", "an object", input);
        }

        toolUseIds.Add(id);
        // The input's text travels on as the client wrote it (an upstream gets it unchanged).
        return ToolArguments.ToCall(id, name, input);
    }

    private static FunctionResultContent ToolResult(JsonElement block, string path, HashSet<string> toolUseIds)
    {
        var id = Fields.RequiredString(block, "tool_use_id", $"{path}.tool_use_id");
        if (!toolUseIds.Contains(id))
        {
            throw Fields.Invalid($"{path}.tool_use_id", "invalid_value",
                $"Invalid '{path}.tool_use_id': no earlier assistant message has a tool_use block with id '{id}'.");
        }

        var isError = Fields.Boolean(block, "is_error", $"{path}.is_error") ?? false;
        var result = new FunctionResultContent(id, ResultText(block, $"{path}.content"));
        if (isError)
        {
            (result.AdditionalProperties ??= [])["is_error"] = true;
        }

        return result;
    }

    // A tool result's content: absent, a string, or text blocks.
    private static string ResultText(JsonElement block, string param)
    {
        if (!Fields.TryGet(block, "content", out var content))
        {
            return "";
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType(param, "a string or an array of content blocks", content);
        }

        var texts = new List<string>(content.GetArrayLength());
        var i = 0;
        foreach (var part in content.EnumerateArray())
        {
            var path = $"{param}[{i++}]";
            var type = BlockType(part, path);
            texts.Add(type switch
            {
                "text" => Text(part, path).Text,
                "image" or "document" or "search_result" => throw Unsupported(path, type, "the models served here take text only"),
                _ => throw Fields.Invalid($"{path}.type", "invalid_value", $"Invalid value for '{path}.type': '{type}'. Supported value: 'text'."),
            });
        }
        return string.Concat(texts);
    }

    private static LocusException Unsupported(string path, string type, string why) =>
        Fields.Invalid($"{path}.type", "unsupported_value", $"Invalid '{path}.type': content blocks of type '{type}' are not supported: {why}.");
}
