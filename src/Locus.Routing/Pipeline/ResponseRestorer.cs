using Locus.Core.Abstractions;
using Locus.Privacy;
using Locus.Routing.Requests;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Pipeline;

/// <summary>
/// Puts the originals back into one streamed answer to a redacted request: text and reasoning through streaming
/// restorers (a placeholder may be split between updates), each streamed tool call's argument pieces through a
/// restorer of its own that writes originals JSON-escaped (they land inside JSON string literals), and whole tool
/// calls' arguments value by value. A call's held-back piece is released just before its whole call.
/// </summary>
internal sealed class ResponseRestorer(Redaction redaction)
{
    private readonly StreamingRestorer text = redaction.CreateStreamingRestorer();
    private readonly StreamingRestorer reasoning = redaction.CreateStreamingRestorer();
    private readonly Dictionary<int, StreamingRestorer> calls = [];
    private readonly Dictionary<string, int> indexByCallId = new(StringComparer.Ordinal);

    public ChatResponseUpdate Restore(ChatResponseUpdate update)
    {
        var changed = false;
        var contents = new List<AIContent>(update.Contents.Count);
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextContent t:
                    contents.Add(new TextContent(text.Push(t.Text)) { AdditionalProperties = t.AdditionalProperties });
                    changed = true;
                    break;
                case TextReasoningContent r:
                    contents.Add(new TextReasoningContent(reasoning.Push(r.Text)) { ProtectedData = r.ProtectedData });
                    changed = true;
                    break;
                case ToolCallDeltaContent d:
                    contents.Add(Piece(d));
                    changed = true;
                    break;
                case FunctionCallContent c:
                    if (Release(c.CallId) is { } tail)
                    {
                        contents.Add(tail);
                    }

                    contents.Add(new FunctionCallContent(c.CallId, c.Name, JsonStrings.MapArguments(c.Arguments, redaction.Restore))
                    {
                        Exception = c.Exception,
                        AdditionalProperties = ArgumentsText.Rewrite(c, redaction.RestoreInJson),
                    });
                    changed = true;
                    break;
                default:
                    contents.Add(content);
                    break;
            }
        }

        if (!changed)
        {
            return update;
        }

        var copy = update.Clone();
        copy.Contents = contents;
        return copy;
    }

    /// <summary>At the end of the stream: whatever was held back (text, reasoning, pieces of calls never completed).</summary>
    public ChatResponseUpdate? Flush()
    {
        var contents = new List<AIContent>();
        if (reasoning.Flush() is { Length: > 0 } thought)
        {
            contents.Add(new TextReasoningContent(thought));
        }

        if (text.Flush() is { Length: > 0 } tail)
        {
            contents.Add(new TextContent(tail));
        }

        foreach (var (index, restorer) in calls.OrderBy(c => c.Key))
        {
            if (restorer.Flush() is { Length: > 0 } rest)
            {
                contents.Add(new ToolCallDeltaContent(index) { ArgumentsDelta = rest });
            }
        }

        calls.Clear();
        return contents.Count == 0 ? null : new ChatResponseUpdate(ChatRole.Assistant, contents);
    }

    private ToolCallDeltaContent Piece(ToolCallDeltaContent piece)
    {
        if (piece.CallId is { } id)
        {
            indexByCallId[id] = piece.Index;
        }

        if (!calls.TryGetValue(piece.Index, out var restorer))
        {
            calls[piece.Index] = restorer = redaction.CreateJsonStreamingRestorer();
        }

        return new ToolCallDeltaContent(piece.Index)
        {
            CallId = piece.CallId,
            Name = piece.Name,
            ArgumentsDelta = restorer.Push(piece.ArgumentsDelta),
            AdditionalProperties = piece.AdditionalProperties,
        };
    }

    /// <summary>The held-back end of the streamed pieces of call <paramref name="callId"/>, or null when none.</summary>
    private ToolCallDeltaContent? Release(string? callId)
    {
        if (callId is null || !indexByCallId.Remove(callId, out var index) || !calls.Remove(index, out var restorer))
        {
            return null;
        }

        return restorer.Flush() is { Length: > 0 } rest ? new ToolCallDeltaContent(index) { ArgumentsDelta = rest } : null;
    }
}
