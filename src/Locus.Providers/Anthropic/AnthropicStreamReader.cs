using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Locus.Providers.Wire;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Anthropic;

/// <summary>
/// Messages API stream events to updates: text and thinking deltas as they come, a tool_use block whole at its
/// content_block_stop, the stop reason and usage at message_delta. Complete only at <c>message_stop</c>.
/// </summary>
internal static class AnthropicStreamReader
{
    public static async IAsyncEnumerable<ChatResponseUpdate> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tools = new ToolCallAssembler();
        string? id = null;
        string? model = null;
        AnthropicUsage? startUsage = null;
        var stopped = false;
        await foreach (var item in SseParser.Create(body, static (_, data) => Parse(data)).EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            var e = item.Data;
            if (e.Type == "message_stop")
            {
                stopped = true;
                break;
            }

            var index = e.Index ?? 0;
            AIContent? content = null;
            ChatFinishReason? finish = null;
            switch (e.Type)
            {
                case "message_start":
                    id = e.Message?.Id;
                    model = e.Message?.Model;
                    startUsage = e.Message?.Usage;
                    break;
                case "content_block_start" when e.ContentBlock is { Type: "tool_use" } block:
                    tools.Start(index, block.Id, block.Name);
                    break;
                case "content_block_start" when e.ContentBlock is { Type: "text", Text: { Length: > 0 } text }:
                    content = new TextContent(text);
                    break;
                case "content_block_delta" when e.Delta is { } delta:
                    content = delta.Type switch
                    {
                        "text_delta" when delta.Text is { Length: > 0 } text => new TextContent(text),
                        "thinking_delta" when delta.Thinking is { Length: > 0 } thinking => new TextReasoningContent(thinking),
                        _ => null,
                    };
                    if (delta.Type == "input_json_delta")
                    {
                        tools.Append(index, delta.PartialJson);
                    }

                    break;
                case "content_block_stop" when tools.Contains(index):
                    content = tools.Complete(index);
                    break;
                case "message_delta":
                    finish = AnthropicResponseReader.StopReason(e.Delta?.StopReason);
                    if (AnthropicResponseReader.Usage(startUsage, e.Usage) is { } usage)
                    {
                        content = new UsageContent(usage);
                    }

                    break;
                case "error":
                    throw new UpstreamProtocolException(e.Error?.Message ?? "the upstream reported an error without a message", e.Error?.Type);
            }

            if (content is not null || finish is not null)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, content is null ? [] : [content])
                {
                    ResponseId = id,
                    MessageId = id,
                    ModelId = model,
                    FinishReason = finish,
                };
            }
        }

        if (!stopped)
        {
            throw UpstreamProtocolException.EndedBefore("message_stop");
        }
    }

    private static AnthropicEvent Parse(ReadOnlySpan<byte> data) =>
        JsonSerializer.Deserialize(data, ProviderJsonContext.Default.AnthropicEvent) ?? throw new JsonException("An event is JSON null.");
}
