using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol.Anthropic;

/// <summary>Microsoft.Extensions.AI results in the Messages API's vocabulary.</summary>
internal static class AnthropicMapping
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

    public static AnthropicUsage Usage(UsageDetails? usage) => new(usage?.InputTokenCount ?? 0, usage?.OutputTokenCount ?? 0);

    public static AnthropicContentBlock TextBlock(string text) => new() { Type = "text", Text = text };

    /// <summary>
    /// The block a tool call becomes. A backend that gives no id still needs one: the client echoes it back in its
    /// tool_result.
    /// </summary>
    public static AnthropicContentBlock ToolUseBlock(FunctionCallContent call, bool withInput = true) => new()
    {
        Type = "tool_use",
        Id = string.IsNullOrEmpty(call.CallId) ? "toolu_" + Guid.NewGuid().ToString("N") : call.CallId,
        Name = call.Name,
        Input = withInput ? ToolArguments.ToElement(call.Arguments) : EmptyInput,
    };

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
