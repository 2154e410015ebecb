using Locus.Routing.Requests;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Pipeline;

/// <summary>
/// Applies a text map (a redaction, or a pass that only reads) to every text messages send: texts, reasoning, tool
/// results and tool-call arguments (every string at any depth, keys included), failed calls' messages and author names.
/// </summary>
internal static class MessageRedactor
{
    public static List<ChatMessage> Map(IReadOnlyList<ChatMessage> messages, Func<string, string> map)
    {
        var result = new List<ChatMessage>(messages.Count);
        foreach (var message in messages)
        {
            var contents = new List<AIContent>(message.Contents.Count);
            foreach (var content in message.Contents)
            {
                contents.Add(content switch
                {
                    TextContent t => new TextContent(map(t.Text)) { AdditionalProperties = t.AdditionalProperties },
                    TextReasoningContent r => new TextReasoningContent(map(r.Text)) { ProtectedData = r.ProtectedData },
                    FunctionResultContent r => new FunctionResultContent(r.CallId, JsonStrings.MapValue(r.Result, map))
                    {
                        Exception = r.Exception is { } e ? new InvalidOperationException(map(e.Message)) : null,
                        AdditionalProperties = r.AdditionalProperties,
                    },
                    FunctionCallContent c => new FunctionCallContent(c.CallId, c.Name, JsonStrings.MapArguments(c.Arguments, map))
                    {
                        Exception = c.Exception,
                        // The client's own arguments text would carry what the map removed: the rewritten arguments go instead.
                        AdditionalProperties = ArgumentsText.Rewrite(c, null),
                    },
                    _ => content,
                });
            }

            result.Add(new ChatMessage(message.Role, contents)
            {
                AuthorName = message.AuthorName is { } name ? RequestTexts.Identifier(name, map) : null,
                MessageId = message.MessageId,
                AdditionalProperties = message.AdditionalProperties,
            });
        }

        return result;
    }
}
