using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Llama.Tools;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Chat;

/// <summary>
/// Rewrites a conversation with tools for a template that cannot show them (<see cref="GenericToolPrompt"/>): the tools
/// and the reply shape go into the system message, an earlier call becomes the assistant's JSON reply in the generic
/// form, and a tool result becomes a user turn holding <c>{"tool_response": …}</c>, so every role the template sees
/// is one it knows.
/// </summary>
internal static class PlainToolTranscript
{
    public static IEnumerable<ChatMessage> AsPlainMessages(IReadOnlyList<ChatMessage> messages, IReadOnlyList<ToolSpec> tools,
        ToolChoiceKind choice, string? namedTool)
    {
        var instructions = tools.Count > 0 ? GenericToolPrompt.SystemText(tools, choice, namedTool) : null;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (i == 0 && instructions is not null)
            {
                if (message.Role == ChatRole.System)
                {
                    yield return new ChatMessage(ChatRole.System, message.Text + "\n\n" + instructions);
                    continue;
                }

                yield return new ChatMessage(ChatRole.System, instructions);
            }

            var calls = message.Contents.OfType<FunctionCallContent>().ToList();
            var results = message.Contents.OfType<FunctionResultContent>().ToList();
            if (calls.Count == 0 && results.Count == 0)
            {
                yield return message;
                continue;
            }

            if (calls.Count > 0)
            {
                calls.ForEach(c => names[c.CallId] = c.Name);
                yield return new ChatMessage(ChatRole.Assistant,
                    GenericToolPrompt.CallsText([.. calls.Select(c => (c.Name, ArgumentsJson(c), (string?)c.CallId))]));
            }

            foreach (var result in results)
            {
                yield return new ChatMessage(ChatRole.User,
                    GenericToolPrompt.ResultText(names.GetValueOrDefault(result.CallId, "tool"), result.CallId, ChatTemplateContext.ResultText(result.Result)));
            }

            if (results.Count > 0 && message.Role != ChatRole.Tool && message.Text.Length > 0)
            {
                yield return new ChatMessage(message.Role, message.Text);
            }
        }
    }

    private static string ArgumentsJson(FunctionCallContent call) =>
        call.ArgumentsJson() ?? JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>());
}
