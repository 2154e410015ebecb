using System.Text.Json;
using Locus.Providers.Protocols;
using Locus.Wire.Anthropic;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Anthropic;

/// <summary>A Messages API <c>message</c> body to a <see cref="ChatResponse"/>.</summary>
internal static class AnthropicResponseReader
{
    public static ChatResponse Read(ReadOnlySpan<byte> body)
    {
        if (AnthropicJson.ReadMessage(body, out var failed) is not { } message)
        {
            throw new UpstreamProtocolException(failed?.Error?.Message ?? "the upstream reported an error without a message", failed?.Error?.Type);
        }

        if (message.Content is null)
        {
            throw new JsonException("The message has no content.");
        }

        var contents = new List<AIContent>(message.Content.Count);
        foreach (var block in message.Content)
        {
            if (AnthropicMapping.ToContent(block) is { } content)
            {
                contents.Add(content);
            }
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents) { MessageId = message.Id })
        {
            ResponseId = message.Id,
            ModelId = message.Model,
            FinishReason = AnthropicMapping.ToFinishReason(message.StopReason),
            Usage = AnthropicMapping.ToUsageDetails(message.Usage, null),
        };
    }
}
