using System.Text;
using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Server.Sse;

/// <summary>
/// The streamed tool calls of one response, for <see cref="StreamPump"/>: consecutive pieces of one call are merged
/// while the client lags (like text), and each call is remembered so that the whole <see cref="FunctionCallContent"/>
/// the backend sends at its end is recognised and not written a second time.
/// </summary>
internal sealed class ToolCallPieces
{
    private readonly SortedDictionary<int, Streamed> _calls = [];
    private readonly StringBuilder _arguments = new();
    private ToolCallDeltaContent? _pending;

    /// <summary>Queues <paramref name="piece"/>; true when it opens a call not seen before.</summary>
    public async ValueTask<bool> AddAsync(ToolCallDeltaContent piece, IChunkFormat format, SseWriter sse, CancellationToken cancellationToken)
    {
        if (_pending is not null && _pending.Index != piece.Index)
        {
            await FlushAsync(format, sse, cancellationToken).ConfigureAwait(false);
        }

        var opens = !_calls.ContainsKey(piece.Index);
        if (opens)
        {
            _calls[piece.Index] = new Streamed(piece.CallId, piece.Name);
        }

        // A merged piece keeps the opening's id and name: the first piece of a call is the one that carries them.
        _pending ??= piece;
        _arguments.Append(piece.ArgumentsDelta);
        return opens;
    }

    /// <summary>Sends the merged pieces of the call that is waiting, if any.</summary>
    public async ValueTask FlushAsync(IChunkFormat format, SseWriter sse, CancellationToken cancellationToken)
    {
        if (_pending is not { } first)
        {
            return;
        }

        var merged = new ToolCallDeltaContent(first.Index) { CallId = first.CallId, Name = first.Name, ArgumentsDelta = _arguments.ToString() };
        _pending = null;
        _arguments.Clear();
        await format.ToolCallDeltaAsync(sse, merged, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The index of the streamed call that <paramref name="call"/> completes, now marked finished; null when it was not
    /// streamed. Matched by call id, or (a backend that learned the id late, or gave none) by the first unfinished
    /// call without an id and with the same name.
    /// </summary>
    public int? Match(FunctionCallContent call)
    {
        foreach (var pass in new[] { true, false })
        {
            foreach (var (index, streamed) in _calls)
            {
                if (streamed.Finished)
                {
                    continue;
                }

                var matches = pass
                    ? !string.IsNullOrEmpty(call.CallId) && streamed.CallId == call.CallId
                    : string.IsNullOrEmpty(streamed.CallId) && (streamed.Name is null || streamed.Name == call.Name);
                if (matches)
                {
                    streamed.Finished = true;
                    return index;
                }
            }
        }

        return null;
    }

    /// <summary>The streamed calls the backend never sent whole, in index order, now marked finished.</summary>
    public List<int> Unfinished()
    {
        var open = _calls.Where(c => !c.Value.Finished).Select(c => c.Key).ToList();
        foreach (var index in open)
        {
            _calls[index].Finished = true;
        }

        return open;
    }

    private sealed class Streamed(string? callId, string? name)
    {
        public string? CallId { get; } = callId;

        public string? Name { get; } = name;

        public bool Finished { get; set; }
    }
}
