using Locus.Server.Endpoints;
using Locus.Server.Protocol;
using Locus.Server.Protocol.Anthropic;
using Microsoft.Extensions.AI;

namespace Locus.Server.Sse;

/// <summary>
/// Anthropic's stream: message_start; per content block content_block_start, deltas (text_delta, or one
/// input_json_delta with a tool call's whole input) and content_block_stop; a ping after the first block starts;
/// then message_delta (stop reason, usage) and message_stop. Blocks open as content arrives, so a reply that only
/// calls a tool has no empty text block (which Anthropic would refuse when the client sends the turn back).
/// </summary>
internal sealed class AnthropicChunkFormat(ResponseMeta meta) : IChunkFormat
{
    private int _blocks;
    private bool _textOpen;
    private bool _pinged;

    /// <summary>
    /// input_tokens is what the first update reports; a backend that counts usage only at the end (the local engine)
    /// gives 0 here and the real count in message_delta, whose usage is cumulative in Anthropic's API.
    /// </summary>
    public ValueTask StartAsync(SseWriter sse, ChatResponseUpdate? first, CancellationToken cancellationToken)
    {
        var input = (first is null ? null : OpenAIMapping.FindUsage(first))?.InputTokenCount ?? 0;
        var message = new AnthropicMessage
        {
            Id = meta.Id,
            Model = meta.Model,
            Content = [],
            StopReason = null,
            StopSequence = null,
            Usage = new AnthropicUsage(input, 0),
        };
        return sse.WriteEventAsync("message_start", new MessageStartEvent { Message = message }, AnthropicJsonContext.Wire.MessageStartEvent, cancellationToken);
    }

    public async ValueTask TextAsync(SseWriter sse, string text, CancellationToken cancellationToken)
    {
        if (!_textOpen)
        {
            await StartBlockAsync(sse, AnthropicMapping.TextBlock(""), cancellationToken).ConfigureAwait(false);
            _textOpen = true;
        }
        await DeltaAsync(sse, new BlockDelta { Type = "text_delta", Text = text }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ToolCallAsync(SseWriter sse, FunctionCallContent call, CancellationToken cancellationToken)
    {
        await CloseTextAsync(sse, cancellationToken).ConfigureAwait(false);
        await StartBlockAsync(sse, AnthropicMapping.ToolUseBlock(call, withInput: false), cancellationToken).ConfigureAwait(false);
        var input = ToolArguments.ToJsonText(call.Arguments);
        await DeltaAsync(sse, new BlockDelta { Type = "input_json_delta", PartialJson = input }, cancellationToken).ConfigureAwait(false);
        await StopBlockAsync(sse, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<StreamResult> FinishAsync(SseWriter sse, StreamEnd end, CancellationToken cancellationToken)
    {
        await CloseTextAsync(sse, cancellationToken).ConfigureAwait(false);
        await PingOnceAsync(sse, cancellationToken).ConfigureAwait(false);
        var stopReason = AnthropicMapping.StopReason(end.Finish, end.ToolCalls > 0, end.StopSequence);
        var delta = new MessageDeltaEvent
        {
            Delta = new MessageDelta(stopReason, stopReason == "stop_sequence" ? end.StopSequence : null),
            Usage = AnthropicMapping.Usage(end.Usage),
        };
        await sse.WriteEventAsync("message_delta", delta, AnthropicJsonContext.Wire.MessageDeltaEvent, cancellationToken).ConfigureAwait(false);
        await sse.WriteEventAsync("message_stop", MessageStopEvent.Instance, AnthropicJsonContext.Wire.MessageStopEvent, cancellationToken).ConfigureAwait(false);
        return new StreamResult(stopReason, OpenAIMapping.Usage(end.Usage));
    }

    private async ValueTask StartBlockAsync(SseWriter sse, AnthropicContentBlock block, CancellationToken cancellationToken)
    {
        var start = new ContentBlockStartEvent { Index = _blocks, ContentBlock = block };
        await sse.WriteEventAsync("content_block_start", start, AnthropicJsonContext.Wire.ContentBlockStartEvent, cancellationToken).ConfigureAwait(false);
        await PingOnceAsync(sse, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask DeltaAsync(SseWriter sse, BlockDelta delta, CancellationToken cancellationToken) => sse.WriteEventAsync(
        "content_block_delta", new ContentBlockDeltaEvent { Index = _blocks, Delta = delta }, AnthropicJsonContext.Wire.ContentBlockDeltaEvent, cancellationToken);

    private async ValueTask StopBlockAsync(SseWriter sse, CancellationToken cancellationToken)
    {
        await sse.WriteEventAsync("content_block_stop", new ContentBlockStopEvent { Index = _blocks }, AnthropicJsonContext.Wire.ContentBlockStopEvent, cancellationToken).ConfigureAwait(false);
        _blocks++;
    }

    private async ValueTask CloseTextAsync(SseWriter sse, CancellationToken cancellationToken)
    {
        if (!_textOpen)
        {
            return;
        }

        _textOpen = false;
        await StopBlockAsync(sse, cancellationToken).ConfigureAwait(false);
    }

    // Anthropic sends one ping early in every stream; clients ignore it, but some proxies need bytes to keep a stream alive.
    private async ValueTask PingOnceAsync(SseWriter sse, CancellationToken cancellationToken)
    {
        if (_pinged)
        {
            return;
        }

        _pinged = true;
        await sse.WriteEventAsync("ping", PingEvent.Instance, AnthropicJsonContext.Wire.PingEvent, cancellationToken).ConfigureAwait(false);
    }
}
