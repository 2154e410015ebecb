using System.Text;
using Locus.Core.Abstractions;
using Locus.Routing.Memory;
using Locus.Routing.Requests;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Signals;

/// <summary>The facts about a request that signals read, computed once per request.</summary>
public sealed class RoutingInput
{
    private RoutingInput(IReadOnlyList<ChatMessage> messages, ChatOptions? options, string allText, string lastUserText, MemorySelection memory)
    {
        Messages = messages;
        Memory = memory;
        Options = options;
        AllText = allText;
        LastUserText = lastUserText;
        UserTurns = messages.Count(m => m.Role == ChatRole.User);
        HasTools = options?.Tools is { Count: > 0 } && options.ToolMode is not NoneChatToolMode;
        HasToolHistory = messages.Any(m => m.Contents.Any(c => c is FunctionCallContent or FunctionResultContent));
        NeedsJsonSchema = options?.ResponseFormat is ChatResponseFormatJson;
        RawPrompt = IsRaw(options);
        OptionText = RequestTexts.OptionText(options) + RequestTexts.AuthorNames(messages);
        ToolNames = RequestTexts.ToolNames(messages, options);
        MessageTokens = TokenEstimator.Estimate(allText) + 4 * messages.Count;
        // Tool declarations and a response schema are part of the prompt a model reads.
        EstimatedPromptTokens = MessageTokens + memory.Tokens + (OptionText.Length == 0 ? 0 : TokenEstimator.Estimate(OptionText));
    }

    public IReadOnlyList<ChatMessage> Messages { get; }

    public ChatOptions? Options { get; }

    /// <summary>Every message's text, one per line: what the detectors scan and what could leave the device.</summary>
    public string AllText { get; }

    public string LastUserText { get; }

    public int UserTurns { get; }

    public bool HasTools { get; }

    public bool HasToolHistory { get; }

    /// <summary>The request asks for a JSON answer (<c>response_format</c>), with or without a schema.</summary>
    public bool NeedsJsonSchema { get; }

    /// <summary>The one user message is a raw prompt (<c>/v1/completions</c>, <see cref="LocusChatOptions.RawPrompt"/>).</summary>
    public bool RawPrompt { get; }

    /// <summary>
    /// What a request sends besides its messages' contents (author names, tool descriptions and schemas, stop
    /// sequences, the response format's schema, instructions), one text per line: scanned as the messages are.
    /// </summary>
    public string OptionText { get; }

    /// <summary>Tool names (declared, required, called), which targets need verbatim: they cannot be redacted.</summary>
    public string ToolNames { get; }

    /// <summary>The prompt as on-device targets receive it: the messages plus the injected memory (context fit, latency, cost).</summary>
    public int EstimatedPromptTokens { get; }

    /// <summary>The messages alone: how big the request itself is (complexity).</summary>
    public int MessageTokens { get; }

    /// <summary>The memory documents this request carries (empty when none).</summary>
    public MemorySelection Memory { get; }

    /// <summary>
    /// What the privacy detectors scan: the messages, every other text the request sends (<see cref="OptionText"/>,
    /// <see cref="ToolNames"/>) and the memory that may leave the device.
    /// </summary>
    public string ScannedText => string.Concat(AllText, OptionText, ToolNames, Memory.CloudText.Length == 0 ? "" : Memory.CloudText + "\n");

    public int? MaxOutputTokens => Options?.MaxOutputTokens;

    /// <summary>Whether <paramref name="options"/> mark the request as a raw prompt.</summary>
    public static bool IsRaw(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(LocusChatOptions.RawPrompt, out var raw) == true && raw is true;

    public static RoutingInput From(IEnumerable<ChatMessage> messages, ChatOptions? options, MemorySelection? memory = null)
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
            {
                lastUser = text;
            }
        }

        return new RoutingInput(list, options, all.ToString(), lastUser, memory ?? MemorySelection.Empty);
    }

    /// <summary>All text a message carries, tool results and call arguments included: anything that could be sent.</summary>
    public static string TextOf(ChatMessage message)
    {
        if (message.Contents.Count == 1 && message.Contents[0] is TextContent only)
        {
            return only.Text;
        }

        var text = new StringBuilder();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent t:
                    text.Append(t.Text);
                    break;
                case TextReasoningContent r:
                    text.Append(r.Text);
                    break;
                case FunctionResultContent r:
                    // Every string of a structured result, decoded: escapes in its JSON text could hide a value.
                    JsonStrings.CollectValue(r.Result, text);
                    text.Append(r.Exception?.Message);
                    break;
                case FunctionCallContent c when c.Arguments is not null:
                    foreach (var (name, value) in c.Arguments)
                    {
                        text.Append(' ').Append(name).Append('\n');
                        JsonStrings.CollectValue(value, text);
                    }

                    break;
            }
        }

        return text.ToString();
    }
}
