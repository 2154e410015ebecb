using Locus.Core.Abstractions;
using Locus.Server.Sse;
using Locus.Wire;
using Locus.Wire.OpenAI;
using Locus.Wire.Responses;
using Microsoft.Extensions.AI;

namespace Locus.Server.Responses;

/// <summary>
/// The Responses API's stream, as named events each with a <c>sequence_number</c>: response.created and
/// response.in_progress; per message item output_item.added, content_part.added, output_text.delta…, output_text.done,
/// content_part.done and output_item.done; per function call output_item.added, function_call_arguments.delta…,
/// function_call_arguments.done and output_item.done; then response.completed (or response.incomplete when generation
/// was cut off) carrying the whole response, the same object a non-streaming request gets.
/// </summary>
internal sealed class ResponsesChunkFormat(ResponseBuilder builder) : IChunkFormat
{
    private const string Done = "completed";

    /// <summary>The streamed calls open now, by <see cref="ToolCallDeltaContent.Index"/>.</summary>
    private readonly Dictionary<int, OpenCall> _calls = [];
    private int _sequence;

    /// <summary>Where the endpoint leaves the running format in <c>HttpContext.Items</c>, for <see cref="ErrorEvent"/>.</summary>
    public const string ItemsKey = "locus.responses.stream";

    /// <summary>The finished response, once <see cref="FinishAsync"/> has run.</summary>
    public ResponseObject? Final { get; private set; }

    public async ValueTask StartAsync(SseWriter sse, ChatResponseUpdate? first, CancellationToken cancellationToken)
    {
        var response = builder.InProgress();
        await SendAsync(sse, new() { Type = "response.created", Response = response }, cancellationToken).ConfigureAwait(false);
        await SendAsync(sse, new() { Type = "response.in_progress", Response = response }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask TextAsync(SseWriter sse, string text, CancellationToken cancellationToken)
    {
        var opened = builder.AppendText(text);
        var (index, id) = builder.OpenMessage!.Value;
        if (opened)
        {
            var item = Empty(ResponseBuilder.Message(id, "", "in_progress"));
            await SendAsync(sse, new() { Type = "response.output_item.added", OutputIndex = index, Item = item }, cancellationToken).ConfigureAwait(false);
            await SendAsync(sse, new() { Type = "response.content_part.added", OutputIndex = index, ItemId = id, ContentIndex = 0, Part = new() { Text = "" } },
                cancellationToken).ConfigureAwait(false);
        }

        await SendAsync(sse, new() { Type = "response.output_text.delta", OutputIndex = index, ItemId = id, ContentIndex = 0, Delta = text, Logprobs = [] },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ToolCallAsync(SseWriter sse, FunctionCallContent call, CancellationToken cancellationToken)
    {
        await CloseTextAsync(sse, Done, cancellationToken).ConfigureAwait(false);
        var open = await OpenCallAsync(sse, call.CallId, call.Name, cancellationToken).ConfigureAwait(false);
        open.Arguments.Append(ToolArguments.TextOf(call));
        await DeltaAsync(sse, open, open.Arguments.ToString(), cancellationToken).ConfigureAwait(false);
        await CloseCallAsync(sse, open, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ToolCallDeltaAsync(SseWriter sse, ToolCallDeltaContent delta, CancellationToken cancellationToken)
    {
        if (!_calls.TryGetValue(delta.Index, out var open))
        {
            await CloseTextAsync(sse, Done, cancellationToken).ConfigureAwait(false);
            _calls[delta.Index] = open = await OpenCallAsync(sse, delta.CallId, delta.Name, cancellationToken).ConfigureAwait(false);
        }

        open.Name ??= delta.Name;
        if (delta.ArgumentsDelta.Length > 0)
        {
            open.Arguments.Append(delta.ArgumentsDelta);
            await DeltaAsync(sse, open, delta.ArgumentsDelta, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask ToolCallEndAsync(SseWriter sse, int index, CancellationToken cancellationToken)
    {
        if (_calls.Remove(index, out var open))
        {
            await CloseCallAsync(sse, open, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<StreamResult> FinishAsync(SseWriter sse, StreamEnd end, CancellationToken cancellationToken)
    {
        foreach (var index in _calls.Keys.Order().ToList())
        {
            await ToolCallEndAsync(sse, index, cancellationToken).ConfigureAwait(false);
        }

        var cut = end.Finish == ChatFinishReason.Length || end.Finish == ChatFinishReason.ContentFilter;
        await CloseTextAsync(sse, cut ? "incomplete" : Done, cancellationToken).ConfigureAwait(false);
        Final = builder.Finish(end.Finish, end.Usage);
        var type = Final.Status == Done ? "response.completed" : "response.incomplete";
        await SendAsync(sse, new() { Type = type, Response = Final }, cancellationToken).ConfigureAwait(false);
        return new StreamResult(OpenAIMapping.FinishReason(end.Finish, end.ToolCalls > 0), end.Usage);
    }

    /// <summary>
    /// The <c>error</c> event that ends a stream which failed after it began, numbered after the events already sent, as
    /// OpenAI's Responses stream reports a failure (no response.completed follows).
    /// </summary>
    public ResponseStreamEvent ErrorEvent(string? code, string message, string? param) =>
        new() { Type = "error", SequenceNumber = _sequence++, Code = code, Message = message, Param = param };

    private async ValueTask CloseTextAsync(SseWriter sse, string status, CancellationToken cancellationToken)
    {
        if (builder.CloseText(status) is not var (index, item))
        {
            return;
        }

        var part = item.Content![0];
        await SendAsync(sse, new() { Type = "response.output_text.done", OutputIndex = index, ItemId = item.Id, ContentIndex = 0, Text = part.Text, Logprobs = [] },
            cancellationToken).ConfigureAwait(false);
        await SendAsync(sse, new() { Type = "response.content_part.done", OutputIndex = index, ItemId = item.Id, ContentIndex = 0, Part = part },
            cancellationToken).ConfigureAwait(false);
        await SendAsync(sse, new() { Type = "response.output_item.done", OutputIndex = index, Item = item }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<OpenCall> OpenCallAsync(SseWriter sse, string? callId, string? name, CancellationToken cancellationToken)
    {
        var (index, itemId) = builder.OpenCall();
        var open = new OpenCall(index, itemId, OpenAIMapping.CallId(callId)) { Name = name };
        var item = builder.Call(itemId, "in_progress", open.CallId, name ?? "", "");
        await SendAsync(sse, new() { Type = "response.output_item.added", OutputIndex = index, Item = item }, cancellationToken).ConfigureAwait(false);
        return open;
    }

    private ValueTask DeltaAsync(SseWriter sse, OpenCall open, string delta, CancellationToken cancellationToken) =>
        SendAsync(sse, new() { Type = "response.function_call_arguments.delta", OutputIndex = open.Index, ItemId = open.ItemId, Delta = delta }, cancellationToken);

    private async ValueTask CloseCallAsync(SseWriter sse, OpenCall open, CancellationToken cancellationToken)
    {
        var arguments = open.Arguments.ToString();
        var item = builder.CompleteCall(open.Index, open.ItemId, open.CallId, open.Name ?? "", arguments);
        await SendAsync(sse, new() { Type = "response.function_call_arguments.done", OutputIndex = open.Index, ItemId = open.ItemId, Arguments = arguments },
            cancellationToken).ConfigureAwait(false);
        await SendAsync(sse, new() { Type = "response.output_item.done", OutputIndex = open.Index, Item = item }, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask SendAsync(SseWriter sse, ResponseStreamEvent e, CancellationToken cancellationToken)
    {
        e.SequenceNumber = _sequence++;
        return sse.WriteEventAsync(e.Type, e, ResponsesJson.Event, cancellationToken);
    }

    // An added message item has no content yet.
    private static ResponseItem Empty(ResponseItem message) => new()
    {
        Type = message.Type,
        Id = message.Id,
        Status = message.Status,
        Role = message.Role,
        Content = [],
    };

    private sealed class OpenCall(int index, string itemId, string callId)
    {
        public int Index { get; } = index;

        public string ItemId { get; } = itemId;

        public string CallId { get; } = callId;

        public string? Name { get; set; }

        public System.Text.StringBuilder Arguments { get; } = new();
    }
}
