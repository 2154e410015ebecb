using System.Text;
using System.Text.Json.Serialization.Metadata;
using Locus.Server.Sse;
using Locus.Wire.Ollama;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Locus.Server.Ollama;

/// <summary>
/// Turns a stream of <see cref="ChatResponseUpdate"/>s into Ollama's NDJSON: one <c>"done":false</c> line per piece of
/// text or per tool call (whole, arguments as an object, as Ollama streams them), then a <c>"done":true</c> line with
/// the reason, counts and durations. Pieces of a call (<see cref="Locus.Core.Abstractions.ToolCallDeltaContent"/>) are
/// not sent: Ollama's clients expect each call whole, and the backend sends it whole when it is complete.
/// </summary>
internal static class OllamaStream
{
    /// <summary>Most updates merged into one line, so a reader that lags still sees text arrive steadily.</summary>
    private const int MaxBatch = 16;

    /// <param name="piece">A <c>done:false</c> line for text and (or) tool calls.</param>
    /// <param name="last">The <c>done:true</c> line.</param>
    public static async Task<StreamResult> RunAsync<T>(
        HttpContext context, IAsyncEnumerable<ChatResponseUpdate> updates, OllamaClock clock, JsonTypeInfo<T> type,
        Func<string, List<OllamaToolCall>?, T> piece, Func<OllamaDone, T> last, CancellationToken cancellationToken)
    {
        var e = updates.GetAsyncEnumerator(cancellationToken);
        await using var eLifetime = e.ConfigureAwait(false);
        // Headers wait for the first update: a failure before any output still gets its own status and JSON body.
        var more = await e.MoveNextAsync().ConfigureAwait(false);
        clock.FirstOutput();
        var writer = NdjsonWriter.Start(context);

        ChatFinishReason? finish = null;
        UsageDetails? usage = null;
        var text = new StringBuilder();
        var calls = 0;
        var batched = 0;
        while (more)
        {
            var update = e.Current;
            foreach (var content in update.Contents)
            {
                if (content is TextContent t)
                {
                    text.Append(t.Text);
                }
                else if (content is FunctionCallContent call)
                {
                    // Text before the call goes out first, so the client sees both in the order the model made them.
                    await FlushAsync(writer, text, type, piece, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(piece("", [OllamaMapping.ToolCall(call, calls++)]), type, cancellationToken).ConfigureAwait(false);
                }
            }

            finish = update.FinishReason ?? finish;
            usage = UpdateUsage.Find(update) ?? usage;

            // As in StreamPump: updates already waiting go out as one line and one flush.
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

            await FlushAsync(writer, text, type, piece, cancellationToken).ConfigureAwait(false);
            batched = 0;
            if (!ready)
            {
                more = await next.ConfigureAwait(false);
            }
#pragma warning restore CA2012
        }

        var done = OllamaDone.From(finish, usage, clock);
        await writer.WriteAsync(last(done), type, cancellationToken).ConfigureAwait(false);
        return done.Result(usage);
    }

    private static async ValueTask FlushAsync<T>(
        NdjsonWriter writer, StringBuilder text, JsonTypeInfo<T> type, Func<string, List<OllamaToolCall>?, T> piece, CancellationToken cancellationToken)
    {
        if (text.Length == 0)
        {
            return;
        }

        var line = piece(text.ToString(), null);
        text.Clear();
        await writer.WriteAsync(line, type, cancellationToken).ConfigureAwait(false);
    }
}
