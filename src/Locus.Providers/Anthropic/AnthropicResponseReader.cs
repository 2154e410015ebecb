using System.Text.Json;
using Locus.Providers.Wire;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Anthropic;

/// <summary>A Messages API <c>message</c> body to a <see cref="ChatResponse"/>.</summary>
internal static class AnthropicResponseReader
{
    public static ChatResponse Read(ReadOnlySpan<byte> body)
    {
        var message = JsonSerializer.Deserialize(body, ProviderJsonContext.Default.AnthropicMessage)
            ?? throw new JsonException("The body is JSON null.");
        if (message.Type == "error")
        {
            throw new UpstreamProtocolException(message.Error?.Message ?? "the upstream reported an error without a message", message.Error?.Type);
        }

        if (message.Content is null)
        {
            throw new JsonException("The message has no content.");
        }

        var contents = new List<AIContent>(message.Content.Count);
        foreach (var block in message.Content)
        {
            switch (block.Type)
            {
                case "text" when block.Text is { Length: > 0 } text:
                    contents.Add(new TextContent(text));
                    break;
                case "tool_use":
                    contents.Add(WireJson.ToolCall(block.Id ?? "", block.Name ?? "", block.Input));
                    break;
                case "thinking" when block.Thinking is { Length: > 0 } thinking:
                    contents.Add(new TextReasoningContent(thinking));
                    break;
            }
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents) { MessageId = message.Id })
        {
            ResponseId = message.Id,
            ModelId = message.Model,
            FinishReason = StopReason(message.StopReason),
            Usage = Usage(message.Usage, null),
        };
    }

    public static ChatFinishReason? StopReason(string? reason) => reason switch
    {
        null => null,
        "end_turn" or "stop_sequence" => ChatFinishReason.Stop,
        "max_tokens" or "model_context_window_exceeded" => ChatFinishReason.Length,
        "tool_use" => ChatFinishReason.ToolCalls,
        "refusal" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(reason),
    };

    /// <summary>
    /// Anthropic counts cached prompt tokens apart from <c>input_tokens</c>; M.E.AI's input count is the whole prompt,
    /// with the cache hits in <see cref="UsageDetails.CachedInputTokenCount"/>. A later report (message_delta) wins.
    /// </summary>
    public static UsageDetails? Usage(AnthropicUsage? first, AnthropicUsage? later)
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
}
