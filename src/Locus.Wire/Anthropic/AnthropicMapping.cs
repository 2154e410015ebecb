using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Wire.Anthropic;

/// <summary>
/// Microsoft.Extensions.AI types and the Messages API's vocabulary, both ways: stop reasons, usage, content blocks,
/// tool choices. The server maps its answers to the wire with these, the Anthropic provider maps upstream answers back.
/// </summary>
public static class AnthropicMapping
{
    /// <summary>What a streamed tool_use block starts with; its input follows as input_json_delta.</summary>
    private static readonly JsonElement EmptyInput = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>
    /// end_turn, max_tokens, stop_sequence (when the backend reports which sequence matched), tool_use (whenever the
    /// model called a tool and did not run out of tokens), or refusal (a content filter stopped it).
    /// </summary>
    public static string StopReason(ChatFinishReason? finish, bool calledTools, string? stopSequence)
    {
        if (finish == ChatFinishReason.Length)
        {
            return "max_tokens";
        }

        if (calledTools || finish == ChatFinishReason.ToolCalls)
        {
            return "tool_use";
        }

        if (stopSequence is not null)
        {
            return "stop_sequence";
        }

        return finish == ChatFinishReason.ContentFilter ? "refusal" : "end_turn";
    }

    public static ChatFinishReason? ToFinishReason(string? stopReason) => stopReason switch
    {
        null => null,
        "end_turn" or "stop_sequence" => ChatFinishReason.Stop,
        "max_tokens" or "model_context_window_exceeded" => ChatFinishReason.Length,
        "tool_use" => ChatFinishReason.ToolCalls,
        "refusal" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(stopReason),
    };

    /// <summary>Usage as the server reports it: input and output tokens, 0 when unknown.</summary>
    /// <summary>
    /// The reverse of <see cref="ToUsageDetails"/>: Anthropic's <c>input_tokens</c> excludes the tokens read from the
    /// cache, which it reports as <c>cache_read_input_tokens</c>.
    /// </summary>
    public static AnthropicUsage Usage(UsageDetails? usage)
    {
        var cached = usage?.CachedInputTokenCount;
        var input = usage?.InputTokenCount ?? 0;
        return new()
        {
            InputTokens = cached is { } read ? Math.Max(0, input - read) : input,
            OutputTokens = usage?.OutputTokenCount ?? 0,
            CacheReadInputTokens = cached,
        };
    }

    /// <summary>
    /// Anthropic counts cached prompt tokens apart from <c>input_tokens</c>; M.E.AI's input count is the whole prompt,
    /// with the cache hits in <see cref="UsageDetails.CachedInputTokenCount"/>. A later report (message_delta) wins.
    /// </summary>
    public static UsageDetails? ToUsageDetails(AnthropicUsage? first, AnthropicUsage? later)
    {
        if (first is null && later is null)
        {
            return null;
        }

        var input = later?.InputTokens ?? first?.InputTokens;
        var cacheRead = later?.CacheReadInputTokens ?? first?.CacheReadInputTokens;
        var cacheWrite = later?.CacheCreationInputTokens ?? first?.CacheCreationInputTokens;
        var output = later?.OutputTokens ?? first?.OutputTokens;
        var totalInput = input is null && cacheRead is null && cacheWrite is null ? (long?)null : (input ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0);
        var usage = new UsageDetails
        {
            InputTokenCount = totalInput,
            OutputTokenCount = output,
            TotalTokenCount = totalInput + output,
            CachedInputTokenCount = cacheRead,
        };
        if (cacheWrite is > 0)
        {
            usage.AdditionalCounts = new() { ["cache_creation_input_tokens"] = cacheWrite.Value };
        }

        return usage;
    }

    public static AnthropicContentBlock TextBlock(string text) => new() { Type = "text", Text = text };

    /// <summary>
    /// The block a tool call becomes, its input in the order and spelling produced; streamed, its input follows in a
    /// delta (<paramref name="withInput"/> false). A backend that gives no id still needs one: the client echoes it back
    /// in its tool_result.
    /// </summary>
    public static AnthropicContentBlock ToolUseBlock(FunctionCallContent call, bool withInput = true) => new()
    {
        Type = "tool_use",
        Id = ToolUseId(call.CallId),
        Name = call.Name,
        Input = withInput ? ToolArguments.ElementOf(call) : EmptyInput,
    };

    /// <summary>The opening block of a streamed tool call: id, name and an empty input that input_json_delta fills.</summary>
    public static AnthropicContentBlock ToolUseStart(string id, string? name) => new()
    {
        Type = "tool_use",
        Id = id,
        Name = name ?? "",
        Input = EmptyInput,
    };

    /// <summary>The id a tool_use block goes out with: the call's own, or a new one when the backend gave none.</summary>
    public static string ToolUseId(string? id) => string.IsNullOrEmpty(id) ? "toolu_" + Guid.NewGuid().ToString("N") : id;

    /// <summary>The reply's content in the order the model made it: adjacent text merged into one block, empty text left out.</summary>
    public static List<AnthropicContentBlock> Content(ChatResponse response, out int toolCalls)
    {
        var blocks = new List<AnthropicContentBlock>();
        var text = new StringBuilder();
        toolCalls = 0;
        foreach (var content in response.Messages.SelectMany(m => m.Contents))
        {
            if (content is TextContent t)
            {
                text.Append(t.Text);
            }
            else if (content is FunctionCallContent call)
            {
                FlushText(blocks, text);
                blocks.Add(ToolUseBlock(call));
                toolCalls++;
            }
        }

        FlushText(blocks, text);
        return blocks;
    }

    /// <summary>What an upstream's block becomes: text and thinking (when not empty) and tool calls; null for anything else.</summary>
    public static AIContent? ToContent(AnthropicContentBlock block) => block.Type switch
    {
        "text" when block.Text is { Length: > 0 } text => new TextContent(text),
        "tool_use" => ToolArguments.ToCall(block.Id ?? "", block.Name ?? "", block.Input),
        "thinking" when block.Thinking is { Length: > 0 } thinking => new TextReasoningContent(thinking),
        _ => null,
    };

    /// <summary>
    /// <c>tool_choice.type</c>: "none", "any", "tool" (with a name) or "auto"; null when the caller left the choice
    /// to the model.
    /// </summary>
    public static string? ToolChoiceType(ChatToolMode? mode) => mode switch
    {
        NoneChatToolMode => "none",
        RequiredChatToolMode { RequiredFunctionName: null } => "any",
        RequiredChatToolMode => "tool",
        AutoChatToolMode => "auto",
        _ => null,
    };

    private static void FlushText(List<AnthropicContentBlock> blocks, StringBuilder text)
    {
        if (text.Length == 0)
        {
            return;
        }

        blocks.Add(TextBlock(text.ToString()));
        text.Clear();
    }
}
