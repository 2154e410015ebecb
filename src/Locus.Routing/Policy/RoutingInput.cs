using System.Text;
using Microsoft.Extensions.AI;

using Locus.Routing.Signals;

namespace Locus.Routing.Policy;

/// <summary>The facts about a request that signals read, computed once per request.</summary>
public sealed class RoutingInput
{
    private RoutingInput(IReadOnlyList<ChatMessage> messages, ChatOptions? options, string allText, string lastUserText)
    {
        Messages = messages;
        Options = options;
        AllText = allText;
        LastUserText = lastUserText;
        UserTurns = messages.Count(m => m.Role == ChatRole.User);
        HasTools = options?.Tools is { Count: > 0 } && options.ToolMode is not NoneChatToolMode;
        HasToolHistory = messages.Any(m => m.Contents.Any(c => c is FunctionCallContent or FunctionResultContent));
        EstimatedPromptTokens = TokenEstimator.Estimate(allText) + 4 * messages.Count;
    }

    public IReadOnlyList<ChatMessage> Messages { get; }

    public ChatOptions? Options { get; }

    /// <summary>Every message's text, one per line: what the detectors scan and what could leave the device.</summary>
    public string AllText { get; }

    public string LastUserText { get; }

    public int UserTurns { get; }

    public bool HasTools { get; }

    public bool HasToolHistory { get; }

    public int EstimatedPromptTokens { get; }

    public int? MaxOutputTokens => Options?.MaxOutputTokens;

    public static RoutingInput From(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var all = new StringBuilder();
        var lastUser = "";
        foreach (var message in list)
        {
            var text = TextOf(message);
            all.Append(text).Append('\n');
            if (message.Role == ChatRole.User)
                lastUser = text;
        }

        return new RoutingInput(list, options, all.ToString(), lastUser);
    }

    /// <summary>All text a message carries, tool results and call arguments included: anything that could be sent.</summary>
    public static string TextOf(ChatMessage message)
    {
        if (message.Contents.Count == 1 && message.Contents[0] is TextContent only)
            return only.Text;
        var text = new StringBuilder();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent t:
                    text.Append(t.Text);
                    break;
                case FunctionResultContent r:
                    text.Append(r.Result?.ToString());
                    break;
                case FunctionCallContent c when c.Arguments is not null:
                    foreach (var (_, value) in c.Arguments)
                        text.Append(' ').Append(value);
                    break;
            }
        }

        return text.ToString();
    }
}
