using System.Text.Encodings.Web;
using System.Text.Json;
using Locus.Llama.Tools;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Chat;

/// <summary>
/// Rewrites a conversation with tools for a template that cannot show them: the tools and the reply shape go into the
/// system message, an earlier call becomes the assistant's JSON reply in the generic form, and a tool result becomes a
/// user turn holding <c>{"tool_response": …}</c> (as llama.cpp does for such templates), so every role the template sees
/// is one it knows.
/// </summary>
internal static class PlainToolTranscript
{
    // The model reads this text: keep non-ASCII characters as they are rather than \u escapes.
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEnumerable<ChatMessage> AsPlainMessages(IReadOnlyList<ChatMessage> messages, IReadOnlyList<ToolSpec> tools, ToolChoiceKind choice)
    {
        var instructions = tools.Count > 0 ? GenericToolPrompt.SystemText(tools, choice) : null;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var first = true;
        foreach (var message in messages)
        {
            if (first && instructions is not null)
            {
                first = false;
                if (message.Role == ChatRole.System)
                {
                    yield return new ChatMessage(ChatRole.System, message.Text + "\n\n" + instructions);
                    continue;
                }

                yield return new ChatMessage(ChatRole.System, instructions);
            }

            first = false;
            var calls = message.Contents.OfType<FunctionCallContent>().ToList();
            var results = message.Contents.OfType<FunctionResultContent>().ToList();
            if (calls.Count == 0 && results.Count == 0)
            {
                yield return message;
                continue;
            }

            if (calls.Count > 0)
            {
                foreach (var call in calls)
                {
                    names[call.CallId] = call.Name;
                }

                yield return new ChatMessage(ChatRole.Assistant, CallsJson(message.Text, calls));
            }

            foreach (var result in results)
            {
                yield return new ChatMessage(ChatRole.User, ResultJson(names.GetValueOrDefault(result.CallId, ""), result));
            }

            if (results.Count > 0 && message.Role != ChatRole.Tool && message.Text.Length > 0)
            {
                yield return new ChatMessage(message.Role, message.Text);
            }
        }
    }

    private static string CallsJson(string text, List<FunctionCallContent> calls)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Relaxed))
        {
            w.WriteStartObject();
            if (text.Length > 0)
            {
                w.WriteString("response", text);
            }

            w.WriteStartArray("tool_calls");
            foreach (var call in calls)
            {
                w.WriteStartObject();
                w.WriteString("name", call.Name);
                w.WritePropertyName("arguments");
                JsonSerializer.Serialize(w, call.Arguments ?? new Dictionary<string, object?>());
                w.WriteString("id", call.CallId);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string ResultJson(string name, FunctionResultContent result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Relaxed))
        {
            w.WriteStartObject();
            w.WriteStartObject("tool_response");
            w.WriteString("tool", name);
            w.WriteString("tool_call_id", result.CallId);
            w.WritePropertyName("content");
            switch (result.Result)
            {
                case JsonElement element:
                    element.WriteTo(w);
                    break;
                case null:
                    w.WriteStringValue("");
                    break;
                default:
                    w.WriteStringValue(result.Result.ToString());
                    break;
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
