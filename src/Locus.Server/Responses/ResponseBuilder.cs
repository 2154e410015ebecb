using System.Text;
using Locus.Server.Protocol.Responses;
using Locus.Server.Sse;
using Locus.Wire.Responses;
using Microsoft.Extensions.AI;

namespace Locus.Server.Responses;

/// <summary>
/// Builds one response's output items as content arrives, for the whole answer and the stream alike (so both give the
/// same items): text goes into an open <c>message</c> item, each tool call is a <c>function_call</c> item, and items
/// keep the order the model made them in. An item's place (its output_index) is taken when it opens.
/// </summary>
internal sealed class ResponseBuilder(ResponseMeta meta, ResponsesRequest request)
{
    private readonly List<ResponseItem?> _items = [];
    private readonly StringBuilder _text = new();
    private int? _message;
    private string _messageId = "";

    public string Id => meta.Id;

    /// <summary>The open message's output index and id, or null when no text is open.</summary>
    public (int Index, string Id)? OpenMessage => _message is { } index ? (index, _messageId) : null;

    /// <summary>Appends text; true when it opened a new message item (its index and id are <see cref="OpenMessage"/>).</summary>
    public bool AppendText(string text)
    {
        var opened = _message is null;
        if (opened)
        {
            _message = _items.Count;
            _messageId = NewId("msg_");
            _items.Add(null);
        }

        _text.Append(text);
        return opened;
    }

    /// <summary>Closes the open message item, if any, and returns it with its index.</summary>
    public (int Index, ResponseItem Item)? CloseText(string status = "completed")
    {
        if (_message is not { } index)
        {
            return null;
        }

        var item = Message(_messageId, _text.ToString(), status);
        _items[index] = item;
        _message = null;
        _text.Clear();
        return (index, item);
    }

    /// <summary>Takes the next output index for a function call whose item is filled in by <see cref="CompleteCall"/>.</summary>
    public (int Index, string ItemId) OpenCall()
    {
        _items.Add(null);
        return (_items.Count - 1, NewId("fc_"));
    }

    public ResponseItem CompleteCall(int index, string itemId, string callId, string name, string arguments)
    {
        var item = Call(itemId, "completed", callId, name, arguments);
        _items[index] = item;
        return item;
    }

    /// <summary>A <c>function_call</c> item; a namespaced function's name goes back split (<see cref="ToolNamespaces"/>).</summary>
    public ResponseItem Call(string itemId, string status, string callId, string name, string arguments)
    {
        var (ns, bare) = ToolNamespaces.Split(name, request.ToolNamespaces);
        return new ResponseItem { Type = "function_call", Id = itemId, Status = status, CallId = callId, Name = bare, Namespace = ns, Arguments = arguments };
    }

    /// <summary>The response before any output: status in_progress, no usage.</summary>
    public ResponseObject InProgress() => Create("in_progress", null, [], null);

    /// <summary>The finished response; an open message is closed (incomplete when generation was cut off).</summary>
    public ResponseObject Finish(ChatFinishReason? finish, UsageDetails? usage)
    {
        var incomplete = Incomplete(finish);
        CloseText(incomplete is null ? "completed" : "incomplete");
        return Create(incomplete is null ? "completed" : "incomplete", incomplete, [.. _items.OfType<ResponseItem>()], Usage(usage));
    }

    public static ResponseItem Message(string id, string text, string status) => new()
    {
        Type = "message",
        Id = id,
        Status = status,
        Role = "assistant",
        Content = [new OutputText { Text = text }],
    };

    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N");

    private static IncompleteDetails? Incomplete(ChatFinishReason? finish) =>
        finish == ChatFinishReason.Length ? new() { Reason = "max_output_tokens" }
        : finish == ChatFinishReason.ContentFilter ? new() { Reason = "content_filter" }
        : null;

    private static ResponseUsage Usage(UsageDetails? usage)
    {
        var input = usage?.InputTokenCount ?? 0;
        var output = usage?.OutputTokenCount ?? 0;
        return new()
        {
            InputTokens = input,
            InputTokensDetails = new() { CachedTokens = usage?.CachedInputTokenCount ?? 0 },
            OutputTokens = output,
            OutputTokensDetails = new() { ReasoningTokens = usage?.ReasoningTokenCount ?? 0 },
            TotalTokens = usage?.TotalTokenCount ?? input + output,
        };
    }

    private ResponseObject Create(string status, IncompleteDetails? incomplete, IReadOnlyList<ResponseItem> output, ResponseUsage? usage)
    {
        var echo = request.Echo;
        return new()
        {
            Id = meta.Id,
            CreatedAt = meta.Created,
            Status = status,
            IncompleteDetails = incomplete,
            Instructions = echo.Instructions,
            MaxOutputTokens = echo.MaxOutputTokens,
            Model = meta.Model,
            Output = output,
            ParallelToolCalls = echo.ParallelToolCalls,
            PreviousResponseId = request.PreviousResponseId,
            Store = request.Store,
            Temperature = echo.Temperature,
            Text = new() { Format = echo.TextFormat },
            ToolChoice = echo.ToolChoice,
            Tools = echo.Tools,
            TopP = echo.TopP,
            Usage = usage,
            User = echo.User,
            Metadata = echo.Metadata,
        };
    }
}
