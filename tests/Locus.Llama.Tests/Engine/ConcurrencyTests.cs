using System.Diagnostics;
using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Core.Errors;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Tests.Engine;

[Collection(IsolatedCollection.Name)]
public sealed class ConcurrencyTests
{
    // Enough room that an unbounded generation runs for seconds unless something stops it.
    private static readonly LlamaOptions LongContext = new() { Threads = 2, ContextSize = 8192, Parallel = 1, QueueLimit = 1 };
    private static readonly ChatOptions Unbounded = new() { Temperature = 0.8f, Seed = 1 };

    [ModelFact]
    public async Task Streaming_ConsumerStopsEarly_FreesSlotPromptly()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories, LongContext);
        await foreach (var update in loaded.Text.CompleteStreamingAsync("Once upon a time", Unbounded))
        {
            break; // the client went away after the first token
        }

        // The only slot must be free again right away: a new request must not queue behind a zombie generation.
        var clock = Stopwatch.StartNew();
        using var lease = await loaded.Model.Scheduler.AcquireAsync(new CancellationTokenSource(TimeSpan.FromSeconds(2)).Token);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"slot freed after {clock.Elapsed}");
    }

    [ModelFact]
    public async Task Streaming_TokenCancelledMidStream_ThrowsAndFreesSlot()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories, LongContext);
        using var cts = new CancellationTokenSource();
        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in loaded.Text.CompleteStreamingAsync("Once upon a time", Unbounded, cts.Token))
            {
                if (++received == 5)
                {
                    await cts.CancelAsync();
                }
            }
        });

        using var lease = await loaded.Model.Scheduler.AcquireAsync(new CancellationTokenSource(TimeSpan.FromSeconds(1)).Token);
        Assert.InRange(received, 5, 50);
    }

    [ModelFact]
    public async Task PromptEvaluation_Cancelled_StopsBeforeTheWholePromptIsEvaluated()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Qwen, new LlamaOptions { Threads = 2, ContextSize = 8192, BatchSize = 64 });
        // Each prompt starts differently, so none is served from the prompt cache.
        string Prompt(string start) => start + " " + string.Join(" ", Enumerable.Range(0, 2600).Select(i => $"w{i % 97}"));
        var oneToken = new ChatOptions { Temperature = 0, MaxOutputTokens = 1 };

        await loaded.Text.CompleteAsync(Prompt("warm"), oneToken); // warm-up: first evaluation allocates compute buffers
        var clock = Stopwatch.StartNew();
        var result = await loaded.Text.CompleteAsync(Prompt("full"), oneToken);
        var full = clock.Elapsed;
        Assert.True(result.Usage!.InputTokenCount > 4000, $"prompt has only {result.Usage.InputTokenCount} tokens");
        Assert.Equal(0, result.Usage.CachedInputTokenCount);

        using var cts = new CancellationTokenSource(full / 5);
        clock.Restart();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loaded.Text.CompleteAsync(Prompt("cancelled"), oneToken, cts.Token));
        var cancelled = clock.Elapsed;

        Assert.True(cancelled < full * 0.7, $"cancelled after {cancelled.TotalMilliseconds:F0} ms; the full prompt takes {full.TotalMilliseconds:F0} ms");
    }

    [ModelFact]
    public async Task Queue_FullQueue_RefusesWithRetryAfter()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories, LongContext);
        using var cts = new CancellationTokenSource();
        var running = loaded.Text.CompleteAsync("Once upon a time", Unbounded, cts.Token);
        await WaitUntil(() => loaded.Model.Scheduler.Waiting == 0 && !running.IsCompleted);
        var waiting = loaded.Text.CompleteAsync("Once upon a time", new ChatOptions { MaxOutputTokens = 4 }, cts.Token);
        await WaitUntil(() => loaded.Model.Scheduler.Waiting == 1);

        var refused = await Assert.ThrowsAsync<LocusException>(() => loaded.Text.CompleteAsync("Once", new ChatOptions { MaxOutputTokens = 4 }));

        Assert.Equal(LocusErrorKind.Overloaded, refused.Error.Kind);
        Assert.True(refused.Error.RetryAfter >= TimeSpan.FromSeconds(1));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [ModelFact]
    public async Task Parallel_TwoSlots_RunTwoRequestsAtOnce()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories, LongContext with { Parallel = 2, QueueLimit = 0 });
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 32 };
        var results = await Task.WhenAll(loaded.Text.CompleteAsync("Once upon a time", options), loaded.Text.CompleteAsync("Once upon a time", options));

        Assert.Equal(results[0].Text, results[1].Text);
    }

    [ModelFact]
    public async Task Context_PromptLargerThanWindow_IsContextOverflow()
    {
        // llama.cpp rounds the window up to a multiple of 256.
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories, new LlamaOptions { Threads = 2, ContextSize = 256 });
        var prompt = string.Concat(Enumerable.Repeat("Once upon a time there was a cat. ", 40));

        var tooLong = await Assert.ThrowsAsync<LocusException>(() => loaded.Text.CompleteAsync(prompt));

        Assert.Equal(LocusErrorKind.ContextOverflow, tooLong.Error.Kind);
        Assert.Equal("context_length_exceeded", tooLong.Error.Code);
        Assert.Contains("256 tokens", tooLong.Message);
    }

    [ModelFact]
    public async Task Context_MaxTokensBeyondWindow_ClampedToTheRoomLeftAndReported()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories, new LlamaOptions { Threads = 2, ContextSize = 256 });
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 64_000, AdditionalProperties = new() { [LocusChatOptions.IgnoreEos] = true } };

        var response = await loaded.Text.CompleteAsync("Once upon a time", options);
        var streamed = new List<ChatResponseUpdate>();
        await foreach (var update in loaded.Text.CompleteStreamingAsync("Once upon a time", options))
        {
            streamed.Add(update);
        }

        var prompt = (int)response.Usage!.InputTokenCount!.Value;
        Assert.Equal(new MaxTokensClamp(64_000, 256 - prompt), MaxTokensClamp.From(response.AdditionalProperties));
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(256, response.Usage.TotalTokenCount);
        // Streaming: on the first update, which a server sends its headers with.
        Assert.Equal(new MaxTokensClamp(64_000, 256 - prompt), MaxTokensClamp.From(streamed[0].AdditionalProperties));
        Assert.Equal(ChatFinishReason.Length, streamed[^1].FinishReason);
    }

    [ModelFact]
    public async Task Context_NoMaxTokens_StopsWithLengthWhenWindowIsFull()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories, new LlamaOptions { Threads = 2, ContextSize = 256 });
        var response = await loaded.Text.CompleteAsync("Once upon a time", new ChatOptions { Temperature = 0 });

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(256, response.Usage!.TotalTokenCount);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "condition not reached in 5 s");
    }
}
