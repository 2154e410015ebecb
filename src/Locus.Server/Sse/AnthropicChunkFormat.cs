using System.Text.Json.Serialization.Metadata;
using Locus.Core.Abstractions;
using Locus.Wire;
using Locus.Wire.Anthropic;
using Microsoft.Extensions.AI;

namespace Locus.Server.Sse;

/// <summary>
/// Anthropic's stream: message_start; per content block content_block_start, deltas (text_delta, or input_json_delta
/// pieces of a tool call's input) and content_block_stop; a ping after the first block starts; then message_delta
/// (stop reason, usage) and message_stop. Blocks open as content arrives, so a reply that only calls a tool has no
/// empty text block (which Anthropic would refuse when the client sends the turn back).
/// </summary>
/// <remarks>
/// Anthropic's blocks follow one another, one open at a time. A streamed tool call's block stays open until the call
/// is complete; whatever arrives meanwhile for anything else (text, a parallel call's pieces) waits, in order, and goes
/// out after that block stops.
/// </remarks>
internal sealed class AnthropicChunkFormat(ResponseMeta meta) : IChunkFormat
{
    private readonly List<object> _waiting = [];
    private int _blocks;
    private bool _textOpen;
    private bool _pinged;

    /// <summary>The <see cref="ToolCallDeltaContent.Index"/> of the streamed call whose block is open.</summary>
    private int? _openCall;

    /// <summary>
    /// input_tokens is what the first update reports; a backend that counts usage only at the end (the local engine)
    /// gives 0 here and the real count in message_delta, whose usage is cumulative in Anthropic's API.
    /// </summary>
    public ValueTask StartAsync(SseWriter sse, ChatResponseUpdate? first, CancellationToken cancellationToken)
    {
        var input = (first is null ? null : UpdateUsage.Find(first))?.InputTokenCount ?? 0;
        var message = new AnthropicMessage
        {
            Id = meta.Id,
            Model = meta.Model,
            Content = [],
            StopReason = null,
            StopSequence = null,
            Usage = new() { InputTokens = input, OutputTokens = 0 },
        };
        return SendAsync(sse, new MessageStartEvent { Message = message }, AnthropicJson.MessageStart, cancellationToken);
    }

    public async ValueTask TextAsync(SseWriter sse, string text, CancellationToken cancellationToken)
    {
        if (_openCall is not null)
        {
            _waiting.Add(text);
            return;
        }

        if (!_textOpen)
        {
            await StartBlockAsync(sse, AnthropicMapping.TextBlock(""), cancellationToken).ConfigureAwait(false);
            _textOpen = true;
        }
        await DeltaAsync(sse, new BlockDelta { Type = "text_delta", Text = text }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ToolCallAsync(SseWriter sse, FunctionCallContent call, CancellationToken cancellationToken)
    {
        if (_openCall is not null)
        {
            _waiting.Add(call);
            return;
        }

        await CloseTextAsync(sse, cancellationToken).ConfigureAwait(false);
        await StartBlockAsync(sse, AnthropicMapping.ToolUseBlock(call, withInput: false), cancellationToken).ConfigureAwait(false);
        var input = ToolArguments.ObjectTextOf(call);
        await DeltaAsync(sse, new BlockDelta { Type = "input_json_delta", PartialJson = input }, cancellationToken).ConfigureAwait(false);
        await StopBlockAsync(sse, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ToolCallDeltaAsync(SseWriter sse, ToolCallDeltaContent delta, CancellationToken cancellationToken)
    {
        if (_openCall is { } open && open != delta.Index)
        {
            _waiting.Add(delta);
            return;
        }

        if (_openCall is null)
        {
            await CloseTextAsync(sse, cancellationToken).ConfigureAwait(false);
            var block = AnthropicMapping.ToolUseStart(AnthropicMapping.ToolUseId(delta.CallId), delta.Name);
            await StartBlockAsync(sse, block, cancellationToken).ConfigureAwait(false);
            _openCall = delta.Index;
        }

        if (delta.ArgumentsDelta.Length > 0)
        {
            await DeltaAsync(sse, new BlockDelta { Type = "input_json_delta", PartialJson = delta.ArgumentsDelta }, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask ToolCallEndAsync(SseWriter sse, int index, CancellationToken cancellationToken)
    {
        if (_openCall != index)
        {
            // The call's block has not started yet (it waits behind the open one): it ends in turn.
            if (_openCall is not null)
            {
                _waiting.Add(new CallEnd(index));
            }

            return;
        }

        await StopBlockAsync(sse, cancellationToken).ConfigureAwait(false);
        _openCall = null;
        await ReplayWaitingAsync(sse, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<StreamResult> FinishAsync(SseWriter sse, StreamEnd end, CancellationToken cancellationToken)
    {
        // A call the backend never finished still needs its block stopped, and what waited behind it sent.
        while (_openCall is { } open)
        {
            await ToolCallEndAsync(sse, open, cancellationToken).ConfigureAwait(false);
        }

        await CloseTextAsync(sse, cancellationToken).ConfigureAwait(false);
        await PingOnceAsync(sse, cancellationToken).ConfigureAwait(false);
        var stopReason = AnthropicMapping.StopReason(end.Finish, end.ToolCalls > 0, end.StopSequence);
        var delta = new MessageDeltaEvent
        {
            Delta = new() { StopReason = stopReason, StopSequence = stopReason == "stop_sequence" ? end.StopSequence : null },
            Usage = AnthropicMapping.Usage(end.Usage),
        };
        await SendAsync(sse, delta, AnthropicJson.MessageDelta, cancellationToken).ConfigureAwait(false);
        await SendAsync(sse, MessageStopEvent.Instance, AnthropicJson.MessageStop, cancellationToken).ConfigureAwait(false);
        return new StreamResult(stopReason, end.Usage);
    }

    /// <summary>What waited for the open block, in arrival order; some of it may wait again behind a block it opens.</summary>
    private async ValueTask ReplayWaitingAsync(SseWriter sse, CancellationToken cancellationToken)
    {
        var waiting = _waiting.ToList();
        _waiting.Clear();
        foreach (var item in waiting)
        {
            switch (item)
            {
                case string text:
                    await TextAsync(sse, text, cancellationToken).ConfigureAwait(false);
                    break;
                case ToolCallDeltaContent delta:
                    await ToolCallDeltaAsync(sse, delta, cancellationToken).ConfigureAwait(false);
                    break;
                case FunctionCallContent call:
                    await ToolCallAsync(sse, call, cancellationToken).ConfigureAwait(false);
                    break;
                case CallEnd end:
                    await ToolCallEndAsync(sse, end.Index, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async ValueTask StartBlockAsync(SseWriter sse, AnthropicContentBlock block, CancellationToken cancellationToken)
    {
        var start = new ContentBlockStartEvent { Index = _blocks, ContentBlock = block };
        await SendAsync(sse, start, AnthropicJson.ContentBlockStart, cancellationToken).ConfigureAwait(false);
        await PingOnceAsync(sse, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask DeltaAsync(SseWriter sse, BlockDelta delta, CancellationToken cancellationToken) =>
        SendAsync(sse, new ContentBlockDeltaEvent { Index = _blocks, Delta = delta }, AnthropicJson.ContentBlockDelta, cancellationToken);

    private async ValueTask StopBlockAsync(SseWriter sse, CancellationToken cancellationToken)
    {
        await SendAsync(sse, new ContentBlockStopEvent { Index = _blocks }, AnthropicJson.ContentBlockStop, cancellationToken).ConfigureAwait(false);
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

    /// <summary>An event under its own type as the SSE event name, as Anthropic names them.</summary>
    private static ValueTask SendAsync<T>(SseWriter sse, T e, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : IAnthropicEvent => sse.WriteEventAsync(e.Type, e, type, cancellationToken);

    // Anthropic sends one ping early in every stream; clients ignore it, but some proxies need bytes to keep a stream alive.
    private async ValueTask PingOnceAsync(SseWriter sse, CancellationToken cancellationToken)
    {
        if (_pinged)
        {
            return;
        }

        _pinged = true;
        await SendAsync(sse, PingEvent.Instance, AnthropicJson.Ping, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A streamed call's end, waiting behind another call's open block.</summary>
    private sealed record CallEnd(int Index);
}
