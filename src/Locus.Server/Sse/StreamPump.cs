using System.Text;
using Locus.Core.Abstractions;
using Locus.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Locus.Server.Sse;

/// <summary>
/// Turns a stream of <see cref="ChatResponseUpdate"/>s into one API's SSE events (see <see cref="IChunkFormat"/>).
/// Tool calls come as <see cref="ToolCallDeltaContent"/> pieces (then also whole, which is not written again) or only
/// whole (<see cref="FunctionCallContent"/>); either way each goes out in stream order with the text around it.
/// </summary>
internal static class StreamPump
{
    /// <summary>Most updates merged into one event, so a reader that lags still sees text arrive steadily.</summary>
    private const int MaxBatch = 16;

    public static async Task<StreamResult> RunAsync(
        HttpContext context, IAsyncEnumerable<ChatResponseUpdate> updates, IChunkFormat format, CancellationToken cancellationToken)
    {
        var e = updates.GetAsyncEnumerator(cancellationToken);
        await using var eLifetime = e.ConfigureAwait(false);
        // Headers wait for the first update: a failure before any output (queue full, prompt too long) still gets
        // its own HTTP status and JSON body instead of an error event inside a 200 stream.
        var more = await e.MoveNextAsync().ConfigureAwait(false);
        if (more)
        {
            Routing.ClampHeader.Write(context.Response, e.Current.AdditionalProperties);
        }

        var sse = SseWriter.Start(context);
        await format.StartAsync(sse, more ? e.Current : null, cancellationToken).ConfigureAwait(false);

        ChatFinishReason? finish = null;
        UsageDetails? usage = null;
        string? stopSequence = null;
        var toolCalls = 0;
        var text = new StringBuilder();
        var pieces = new ToolCallPieces();
        var batched = 0;
        while (more)
        {
            var update = e.Current;
            foreach (var content in update.Contents)
            {
                if (content is TextContent t)
                {
                    await pieces.FlushAsync(format, sse, cancellationToken).ConfigureAwait(false);
                    text.Append(t.Text);
                }
                else if (content is ToolCallDeltaContent piece)
                {
                    await FlushAsync(format, sse, text, cancellationToken).ConfigureAwait(false);
                    if (await pieces.AddAsync(piece, format, sse, cancellationToken).ConfigureAwait(false))
                    {
                        toolCalls++;
                    }
                }
                else if (content is FunctionCallContent call)
                {
                    // Text before the call goes out first, so the client sees both in the order the model made them.
                    await FlushAsync(format, sse, text, cancellationToken).ConfigureAwait(false);
                    await pieces.FlushAsync(format, sse, cancellationToken).ConfigureAwait(false);
                    if (pieces.Match(call) is { } streamed)
                    {
                        await format.ToolCallEndAsync(sse, streamed, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await format.ToolCallAsync(sse, call, cancellationToken).ConfigureAwait(false);
                        toolCalls++;
                    }
                }
            }
            finish = update.FinishReason ?? finish;
            usage = UpdateUsage.Find(update) ?? usage;
            stopSequence = ResponseProperties.StopSequence(update.AdditionalProperties) ?? stopSequence;

            // Updates already waiting (generation outran the socket) go out as one event and one flush: per-token
            // flushes would then cost more CPU than generating the token, on the same cores.
            // Checking IsCompletedSuccessfully, then reading Result once or awaiting once, is the sanctioned fast path;
            // the analyzer cannot see that each branch consumes the ValueTask exactly once.
#pragma warning disable CA2012
            var next = e.MoveNextAsync();
            var ready = next.IsCompletedSuccessfully && ++batched < MaxBatch;
            if (ready)
            {
                more = next.Result; // a ValueTask is read exactly once
                if (more)
                {
                    continue;
                }
            }

            await FlushAsync(format, sse, text, cancellationToken).ConfigureAwait(false);
            await pieces.FlushAsync(format, sse, cancellationToken).ConfigureAwait(false);
            batched = 0;
            if (!ready)
            {
                more = await next.ConfigureAwait(false);
            }
#pragma warning restore CA2012
        }

        foreach (var open in pieces.Unfinished())
        {
            await format.ToolCallEndAsync(sse, open, cancellationToken).ConfigureAwait(false);
        }

        return await format.FinishAsync(sse, new StreamEnd(finish, usage, toolCalls, stopSequence), cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask FlushAsync(IChunkFormat format, SseWriter sse, StringBuilder text, CancellationToken cancellationToken)
    {
        if (text.Length == 0)
        {
            return;
        }

        await format.TextAsync(sse, text.ToString(), cancellationToken).ConfigureAwait(false);
        text.Clear();
    }
}
