using System.Text.Json;
using Locus.Providers.Wire;
using Microsoft.Extensions.AI;

namespace Locus.Providers.OpenAI;

/// <summary>A <c>chat.completion</c> body to a <see cref="ChatResponse"/>.</summary>
internal static class OpenAIResponseReader
{
    public static ChatResponse Read(ReadOnlySpan<byte> body)
    {
        var completion = JsonSerializer.Deserialize(body, ProviderJsonContext.Default.OpenAICompletion)
            ?? throw new JsonException("The body is JSON null.");
        if (completion.Error is { } error)
        {
            throw new UpstreamProtocolException(ErrorBody.Describe(error));
        }

        var choice = completion.Choices is { Count: > 0 } choices ? choices[0] : throw new JsonException("The answer has no choices.");

        var contents = new List<AIContent>();
        if (choice.Message is { } message)
        {
            if ((message.ReasoningContent ?? message.Reasoning) is { Length: > 0 } reasoning)
            {
                contents.Add(new TextReasoningContent(reasoning));
            }

            if ((message.Content ?? message.Refusal) is { Length: > 0 } text)
            {
                contents.Add(new TextContent(text));
            }

            foreach (var call in message.ToolCalls ?? [])
            {
                contents.Add(WireJson.ToolCall(call.Id ?? "", call.Function?.Name ?? "", call.Function?.Arguments));
            }
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents) { MessageId = completion.Id })
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = CreatedAt(completion.Created),
            FinishReason = FinishReason(choice.FinishReason),
            Usage = Usage(completion.Usage),
        };
    }

    public static ChatFinishReason? FinishReason(string? reason) => reason switch
    {
        null => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(reason),
    };

    public static UsageDetails? Usage(OpenAIUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.PromptTokens,
        OutputTokenCount = usage.CompletionTokens,
        TotalTokenCount = usage.TotalTokens ?? usage.PromptTokens + usage.CompletionTokens,
        CachedInputTokenCount = usage.PromptTokensDetails?.CachedTokens,
        ReasoningTokenCount = usage.CompletionTokensDetails?.ReasoningTokens,
    };

    public static DateTimeOffset? CreatedAt(long? unixSeconds) =>
        unixSeconds is > 0 and < 253_402_300_800 ? DateTimeOffset.FromUnixTimeSeconds(unixSeconds.Value) : null;
}
