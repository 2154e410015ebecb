using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Server.Sse;

/// <summary>How one API (OpenAI chat or text completions, Anthropic messages) spells the events of a stream.</summary>
internal interface IChunkFormat
{
    /// <summary>Before any content; <paramref name="first"/> is the first update (null when the backend sent none).</summary>
    ValueTask StartAsync(SseWriter sse, ChatResponseUpdate? first, CancellationToken cancellationToken);

    ValueTask TextAsync(SseWriter sse, string text, CancellationToken cancellationToken);

    /// <summary>A whole tool call that was not streamed in pieces, in stream order with the text around it.</summary>
    ValueTask ToolCallAsync(SseWriter sse, FunctionCallContent call, CancellationToken cancellationToken);

    /// <summary>
    /// The next piece of a streamed tool call. The first piece of each <see cref="ToolCallDeltaContent.Index"/> opens
    /// the call (its id and name, maybe null); consecutive pieces of one call may arrive merged into one.
    /// </summary>
    ValueTask ToolCallDeltaAsync(SseWriter sse, ToolCallDeltaContent delta, CancellationToken cancellationToken);

    /// <summary>The streamed call <paramref name="index"/> is complete: the backend sent it whole, or the stream ended.</summary>
    ValueTask ToolCallEndAsync(SseWriter sse, int index, CancellationToken cancellationToken);

    /// <summary>After the last content: finish reason, usage and the end marker. Returns what the log reports.</summary>
    ValueTask<StreamResult> FinishAsync(SseWriter sse, StreamEnd end, CancellationToken cancellationToken);
}

/// <summary>How the backend ended a stream, in its own (Microsoft.Extensions.AI) terms.</summary>
/// <param name="StopSequence">The stop sequence that ended generation, when the backend reports it.</param>
internal readonly record struct StreamEnd(ChatFinishReason? Finish, UsageDetails? Usage, int ToolCalls, string? StopSequence);
