using Locus.Privacy;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Pipeline;

/// <summary>
/// Applies a <see cref="Redaction"/> to everything a request sends (texts, tool results, tool-call arguments) and
/// restores the originals in what comes back, streamed text included.
/// </summary>
internal static class MessageRedactor
{
    public static List<ChatMessage> Redact(IReadOnlyList<ChatMessage> messages, Redaction redaction)
    {
        var result = new List<ChatMessage>(messages.Count);
        foreach (var message in messages)
        {
            var contents = new List<AIContent>(message.Contents.Count);
            foreach (var content in message.Contents)
            {
                contents.Add(content switch
                {
                    TextContent t => new TextContent(redaction.Redact(t.Text)),
                    FunctionResultContent r => new FunctionResultContent(r.CallId, r.Result is null ? null : redaction.Redact(r.Result.ToString() ?? "")),
                    FunctionCallContent c => new FunctionCallContent(c.CallId, c.Name, Map(c.Arguments, redaction.Redact)),
                    _ => content,
                });
            }

            result.Add(new ChatMessage(message.Role, contents) { AuthorName = message.AuthorName, MessageId = message.MessageId });
        }

        return result;
    }

    /// <summary>Restores one streamed update: text through the streaming restorer, tool-call arguments whole.</summary>
    public static ChatResponseUpdate Restore(ChatResponseUpdate update, StreamingRestorer restorer, Redaction redaction)
    {
        var changed = false;
        var contents = new List<AIContent>(update.Contents.Count);
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextContent t:
                    contents.Add(new TextContent(restorer.Push(t.Text)));
                    changed = true;
                    break;
                case FunctionCallContent c:
                    contents.Add(new FunctionCallContent(c.CallId, c.Name, Map(c.Arguments, redaction.Restore)));
                    changed = true;
                    break;
                default:
                    contents.Add(content);
                    break;
            }
        }

        if (!changed)
        {
            return update;
        }

        var copy = update.Clone();
        copy.Contents = contents;
        return copy;
    }

    private static Dictionary<string, object?>? Map(IDictionary<string, object?>? arguments, Func<string, string> map)
    {
        if (arguments is null)
        {
            return null;
        }

        var result = new Dictionary<string, object?>(arguments.Count, StringComparer.Ordinal);
        foreach (var (key, value) in arguments)
        {
            result[key] = value switch
            {
                string s => map(s),
                System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } e => map(e.GetString() ?? ""),
                null => null,
                _ => value,
            };
        }

        return result;
    }
}
