using System.Text.Json;
using Locus.Llama.Tools;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Chat;

/// <summary>
/// The variables a Hugging Face chat template is rendered with, built the way transformers'
/// <c>apply_chat_template</c> builds them: <c>messages</c> (role, content, <c>tool_calls</c> with arguments as
/// objects, <c>tool_call_id</c> and <c>name</c> on tool results), <c>tools</c> in OpenAI's function format (None
/// when there are none), <c>add_generation_prompt</c>, <c>bos_token</c> and <c>eos_token</c>.
/// </summary>
internal static class ChatTemplateContext
{
    public static Dictionary<string, object?> Build(IEnumerable<ChatMessage> messages, IReadOnlyList<ToolSpec> tools,
        string bosToken, string eosToken, bool addGenerationPrompt = true)
    {
        var context = new Dictionary<string, object?>
        {
            ["messages"] = Messages(messages),
            ["add_generation_prompt"] = addGenerationPrompt,
            ["bos_token"] = bosToken,
            ["eos_token"] = eosToken,
            // As transformers passes them: None when the request has no tools.
            ["tools"] = tools.Count > 0 ? tools.Select(Tool).ToList() : null,
        };

        return context;
    }

    private static List<object?> Messages(IEnumerable<ChatMessage> messages)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var list = new List<object?>();
        foreach (var message in messages)
        {
            var calls = message.Contents.OfType<FunctionCallContent>().ToList();
            var results = message.Contents.OfType<FunctionResultContent>().ToList();
            foreach (var call in calls)
            {
                names[call.CallId] = call.Name;
            }

            // A tool turn carries one result per message in the OpenAI shape; Anthropic packs several into one user
            // turn, so each becomes its own "tool" message, in order, as templates expect.
            foreach (var result in results)
            {
                list.Add(new Dictionary<string, object?>
                {
                    ["role"] = "tool",
                    ["content"] = ResultText(result.Result),
                    ["tool_call_id"] = result.CallId,
                    ["name"] = names.GetValueOrDefault(result.CallId, ""),
                });
            }

            var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
            if (results.Count > 0 && text.Length == 0 && calls.Count == 0)
            {
                continue;
            }

            var entry = new Dictionary<string, object?>
            {
                ["role"] = message.Role == ChatRole.Tool ? "tool" : message.Role.Value,
                ["content"] = text,
            };
            if (message.AuthorName is { Length: > 0 } author)
            {
                entry["name"] = author;
            }

            if (calls.Count > 0)
            {
                entry["tool_calls"] = calls.Select(Call).ToList();
            }

            list.Add(entry);
        }

        return list;
    }

    private static Dictionary<string, object?> Call(FunctionCallContent call) => new()
    {
        ["type"] = "function",
        ["id"] = call.CallId,
        ["function"] = new Dictionary<string, object?>
        {
            ["name"] = call.Name,
            ["arguments"] = Arguments(call.Arguments),
        },
    };

    private static Dictionary<string, object?> Arguments(IDictionary<string, object?>? arguments)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in arguments ?? new Dictionary<string, object?>())
        {
            map[key] = value switch
            {
                JsonElement element => element,
                null => null,
                string or bool or int or long or double => value,
                _ => JsonSerializer.SerializeToElement(value),
            };
        }

        return map;
    }

    private static Dictionary<string, object?> Tool(ToolSpec tool)
    {
        var function = new Dictionary<string, object?> { ["name"] = tool.Name };
        if (tool.Description is { } description)
        {
            function["description"] = description;
        }

        function["parameters"] = tool.ParametersSchema;
        return new Dictionary<string, object?> { ["type"] = "function", ["function"] = function };
    }

    /// <summary>A tool result as the text a model reads: strings as they are, anything else as JSON.</summary>
    internal static string ResultText(object? result) => result switch
    {
        null => "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
        JsonElement e => e.GetRawText(),
        _ => JsonSerializer.Serialize(result),
    };
}
