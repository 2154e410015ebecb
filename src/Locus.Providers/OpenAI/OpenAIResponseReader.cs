using System.Text.Json;
using Locus.Providers.Protocols;
using Locus.Wire.OpenAI;
using Microsoft.Extensions.AI;

namespace Locus.Providers.OpenAI;

/// <summary>A <c>chat.completion</c> body to a <see cref="ChatResponse"/>.</summary>
internal static class OpenAIResponseReader
{
    public static ChatResponse Read(ReadOnlySpan<byte> body)
    {
        var completion = JsonSerializer.Deserialize(body, OpenAIJson.ChatCompletion)
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
                contents.Add(OpenAIMapping.ToFunctionCall(call));
            }
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents) { MessageId = completion.Id })
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = OpenAIMapping.CreatedAt(completion.Created),
            FinishReason = OpenAIMapping.ToFinishReason(choice.FinishReason),
            Usage = OpenAIMapping.ToUsageDetails(completion.Usage),
        };
    }
}
