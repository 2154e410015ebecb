using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Wire;
using Locus.Wire.OpenAI;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol.Responses;

/// <summary>
/// Reads Responses API input items into chat messages: <c>message</c> items (roles user, system, developer and
/// assistant; content a string or input_text / output_text parts), <c>function_call</c> and <c>function_call_output</c>
/// items, and <c>reasoning</c> items, which are passed over (no model served here reads another's reasoning). Consecutive
/// assistant items (text, then calls) become one assistant message, as a chat template expects a turn.
/// </summary>
internal static class ResponsesInputParser
{
    /// <summary>Items that other APIs' tools produce; none can be run or answered here.</summary>
    private static readonly HashSet<string> ForeignItems = new(StringComparer.Ordinal)
    {
        "file_search_call", "web_search_call", "computer_call", "computer_call_output", "image_generation_call",
        "code_interpreter_call", "local_shell_call", "local_shell_call_output", "mcp_list_tools", "mcp_approval_request",
        "mcp_approval_response", "mcp_call", "custom_tool_call", "custom_tool_call_output", "apply_patch_call",
        "apply_patch_call_output", "shell_call", "shell_call_output", "item_reference", "compaction",
    };

    /// <summary>
    /// The request's <c>input</c>: a string (one user message) or an array of items, appended to
    /// <paramref name="messages"/>. Returns the items as JSON text of an array, a string input written as its message item.
    /// </summary>
    public static string ParseInput(JsonElement root, HashSet<string> callIds, List<ChatMessage> messages)
    {
        if (!Fields.TryGet(root, "input", out var input))
        {
            throw Fields.Missing("input");
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            var text = input.GetString()!;
            messages.Add(new ChatMessage(ChatRole.User, text));
            return UserItem(text);
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType("input", "a string or an array of input items", input);
        }

        if (input.GetArrayLength() == 0)
        {
            throw Fields.Invalid("input", "empty_array", "'input' must contain at least one item.");
        }

        ParseItems(input, "input", callIds, messages);
        return input.GetRawText();
    }

    private static string UserItem(string text)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(text.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("type", "message");
            writer.WriteString("role", "user");
            writer.WriteString("content", text);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Every item of <paramref name="items"/> (an array), appended to <paramref name="messages"/>.</summary>
    public static void ParseItems(JsonElement items, string param, HashSet<string> callIds, List<ChatMessage> messages)
    {
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            ParseItem(item, $"{param}[{i++}]", callIds, messages);
        }
    }

    private static void ParseItem(JsonElement item, string path, HashSet<string> callIds, List<ChatMessage> messages)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType(path, "an object", item);
        }

        // A message may leave its type out (OpenAI's "easy input message"); every other item names its type.
        var type = Fields.TryGet(item, "type", out _) ? Fields.RequiredString(item, "type", $"{path}.type") : "message";
        switch (type)
        {
            case "message":
                Message(item, path, messages);
                break;
            case "function_call":
                AddAssistant(messages, FunctionCall(item, path, callIds));
                break;
            case "function_call_output":
                messages.Add(new ChatMessage(ChatRole.Tool, [FunctionCallOutput(item, path, callIds)]));
                break;
            case "reasoning":
                break;
            default:
                throw ForeignItems.Contains(type)
                    ? Fields.Invalid($"{path}.type", "unsupported_value",
                        $"Input items of type '{type}' are not supported: this server runs no built-in tools; use function tools.")
                    : Fields.Invalid($"{path}.type", "invalid_value",
                        $"Invalid value for '{path}.type': '{type}'. Supported values are 'message', 'function_call', 'function_call_output' and 'reasoning'.");
        }
    }

    private static void Message(JsonElement item, string path, List<ChatMessage> messages)
    {
        var roleName = Fields.RequiredString(item, "role", $"{path}.role");
        var role = roleName is "tool" ? null : OpenAIMapping.ToChatRole(roleName);
        if (role is null)
        {
            throw Fields.Invalid($"{path}.role", "invalid_value",
                $"Invalid value for '{path}.role': '{roleName}'. Supported values are 'user', 'system', 'developer' and 'assistant'.");
        }

        var text = ItemContent(item, $"{path}.content");
        if (role == ChatRole.Assistant)
        {
            AddAssistant(messages, new TextContent(text));
        }
        else
        {
            messages.Add(new ChatMessage(role.Value, text));
        }
    }

    private static string ItemContent(JsonElement item, string param) =>
        Fields.TryGet(item, "content", out var content) ? Content(content, param) : throw Fields.Missing(param);

    // The text of a message's content: a string, or text parts (input_text, output_text; a refusal has none).
    private static string Content(JsonElement content, string param)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw Fields.WrongType(param, "a string or an array of content parts", content);
        }

        var text = new System.Text.StringBuilder();
        var i = 0;
        foreach (var part in content.EnumerateArray())
        {
            var path = $"{param}[{i++}]";
            if (part.ValueKind != JsonValueKind.Object)
            {
                throw Fields.WrongType(path, "an object", part);
            }

            var type = Fields.RequiredString(part, "type", $"{path}.type");
            switch (type)
            {
                case "input_text" or "output_text":
                    text.Append(Fields.TryGet(part, "text", out var t) && t.ValueKind == JsonValueKind.String
                        ? t.GetString()!
                        : throw (Fields.TryGet(part, "text", out var bad) ? Fields.WrongType($"{path}.text", "a string", bad) : Fields.Missing($"{path}.text")));
                    break;
                case "refusal":
                    break;
                case "input_image" or "input_file" or "input_audio":
                    throw Fields.Invalid($"{path}.type", "unsupported_value",
                        $"Content parts of type '{type}' are not supported: the models served here take text only.");
                default:
                    throw Fields.Invalid($"{path}.type", "invalid_value",
                        $"Invalid value for '{path}.type': '{type}'. Supported values are 'input_text' and 'output_text'.");
            }
        }
        return text.ToString();
    }

    private static FunctionCallContent FunctionCall(JsonElement item, string path, HashSet<string> callIds)
    {
        var callId = Fields.RequiredString(item, "call_id", $"{path}.call_id");
        var name = Fields.RequiredString(item, "name", $"{path}.name");
        if (Fields.OptionalString(item, "namespace", $"{path}.namespace") is { Length: > 0 } ns)
        {
            name = ToolNamespaces.Qualify(ns, name);
        }

        if (!Fields.TryGet(item, "arguments", out var arguments))
        {
            throw Fields.Missing($"{path}.arguments");
        }

        if (arguments.ValueKind != JsonValueKind.String)
        {
            throw Fields.WrongType($"{path}.arguments", "a string of JSON", arguments);
        }

        var text = arguments.GetString()!;
        callIds.Add(callId);
        // The text travels on as the client wrote it (an upstream gets it unchanged).
        return new FunctionCallContent(callId, name, ToolMessagesParser.Arguments(text, $"{path}.arguments")).WithArgumentsJson(text);
    }

    private static FunctionResultContent FunctionCallOutput(JsonElement item, string path, HashSet<string> callIds)
    {
        var callId = Fields.RequiredString(item, "call_id", $"{path}.call_id");
        if (!callIds.Contains(callId))
        {
            throw Fields.Invalid($"{path}.call_id", "invalid_value",
                $"Invalid '{path}.call_id': no function_call item with call_id '{callId}' comes before it (in 'input' or the previous response).");
        }

        if (!Fields.TryGet(item, "output", out var output))
        {
            throw Fields.Missing($"{path}.output");
        }

        var text = output.ValueKind switch
        {
            JsonValueKind.String => output.GetString()!,
            JsonValueKind.Array => Content(output, $"{path}.output"),
            _ => throw Fields.WrongType($"{path}.output", "a string or an array of input_text parts", output),
        };
        return new FunctionResultContent(callId, text);
    }

    // Text then calls of one assistant turn share a message; a user or tool message in between starts a new turn.
    private static void AddAssistant(List<ChatMessage> messages, AIContent content)
    {
        if (messages.Count > 0 && messages[^1].Role == ChatRole.Assistant
            && !(content is TextContent && messages[^1].Contents.Any(c => c is FunctionCallContent)))
        {
            messages[^1].Contents.Add(content);
            return;
        }

        messages.Add(new ChatMessage(ChatRole.Assistant, [content]));
    }
}
