using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Locus.Providers.Protocols;
using Locus.Wire;
using Locus.Wire.Anthropic;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Anthropic;

/// <summary>
/// Messages API stream events to updates: text and thinking deltas as they come, a tool_use block's id and name and
/// each input_json_delta as <see cref="Core.Abstractions.ToolCallDeltaContent"/> pieces as they come and the whole call
/// at its content_block_stop, the stop reason and usage at message_delta. Complete only at <c>message_stop</c>.
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
        await foreach (var item in SseParser.Create(body, static (_, data) => AnthropicJson.ReadEvent(data)).EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item.Data is MessageStopEvent)
            {
                stopped = true;
                break;
            }

            AIContent? content = null;
            ChatFinishReason? finish = null;
            switch (item.Data)
            {
                case MessageStartEvent start:
                    id = start.Message?.Id;
                    model = start.Message?.Model;
                    startUsage = start.Message?.Usage;
                    break;
                case ContentBlockStartEvent { ContentBlock: { Type: "tool_use" } block } start:
                    content = tools.Start(start.Index ?? 0, block.Id, block.Name);
                    break;
                case ContentBlockStartEvent { ContentBlock: { Type: "text", Text: { Length: > 0 } text } }:
                    content = new TextContent(text);
                    break;
                case ContentBlockDeltaEvent { Delta: { } delta } e:
                    content = delta.Type switch
                    {
                        "text_delta" when delta.Text is { Length: > 0 } text => new TextContent(text),
                        "thinking_delta" when delta.Thinking is { Length: > 0 } thinking => new TextReasoningContent(thinking),
                        _ => null,
                    };
                    if (delta.Type == "input_json_delta")
                    {
                        content = tools.Append(e.Index ?? 0, delta.PartialJson);
                    }

                    break;
                case ContentBlockStopEvent e when tools.Contains(e.Index ?? 0):
                    content = tools.Complete(e.Index ?? 0);
                    break;
                case MessageDeltaEvent e:
                    finish = AnthropicMapping.ToFinishReason(e.Delta?.StopReason);
                    if (AnthropicMapping.ToUsageDetails(startUsage, e.Usage) is { } usage)
                    {
                        content = new UsageContent(usage);
                    }

                    break;
                case AnthropicErrorEnvelope { Error: var error }:
                    throw new UpstreamProtocolException(error?.Message ?? "the upstream reported an error without a message", error?.Type);
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
}
