using Locus.Core.Configuration;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Tests.Engine;

/// <summary>Continuous batching on the real engine: several streams in one decode per step, each as if it ran alone.</summary>
[Collection(IsolatedCollection.Name)]
public sealed class BatchingTests
{
    private static readonly string[] Prompts =
    [
        "Once upon a time",
        "The little dog",
        "One day, a girl named Lily",
        "Tom and his mom went to the park",
    ];

    private static LlamaOptions Parallel(int slots, bool promptCache = true) =>
        new() { Threads = 2, ContextSize = 512, Parallel = slots, QueueLimit = 64, PromptCache = promptCache };

    [ModelFact]
    public async Task Complete_FourStreamsBatchedAtTemperatureZero_EachGivesItsTextAlone()
    {
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 96 };
        using var alone = await LoadedModel.LoadAsync(SharedModels.Stories, Parallel(1, promptCache: false));
        var expected = new List<string>();
        foreach (var prompt in Prompts)
        {
            expected.Add((await alone.Text.CompleteAsync(prompt, options)).Text);
        }

        using var batched = await LoadedModel.LoadAsync(SharedModels.Stories, Parallel(4, promptCache: false));
        var texts = await Task.WhenAll(Prompts.Select(p => batched.Text.CompleteAsync(p, options)));

        Assert.Equal(expected, texts.Select(t => t.Text));
        Assert.Equal(4, batched.Model.Engine.Snapshot().PeakStreams);
    }

    [ModelFact]
    public async Task Complete_SecondTurnSharesAPrefix_EvaluatesOnlyTheRestAndReportsCachedTokens()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories, Parallel(2));
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 8 };
        var system = string.Concat(Enumerable.Repeat("Once upon a time there was a little cat who liked to play. ", 6));

        var first = await loaded.Text.CompleteAsync(system + "One day", options);
        var second = await loaded.Text.CompleteAsync(system + "The end", options);
        var shared = loaded.Model.Tokenize(system).Length;

        Assert.Equal(0, first.Usage!.CachedInputTokenCount);
        // The shared system text, give or take the token where the two prompts' texts meet.
        Assert.InRange(second.Usage!.CachedInputTokenCount!.Value, shared - 1, shared);
        Assert.Equal(loaded.Model.Tokenize(system + "The end").Length, second.Usage.InputTokenCount);
        var snapshot = loaded.Model.Engine.Snapshot();
        Assert.Equal(second.Usage.CachedInputTokenCount, snapshot.CachedPromptTokens);
    }

    [ModelFact]
    public async Task Complete_SamePromptAgain_ReusesAllButTheLastTokenAndGivesTheSameText()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories, Parallel(1));
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 32 };

        var first = await loaded.Text.CompleteAsync("Once upon a time, in a small town,", options);
        var again = await loaded.Text.CompleteAsync("Once upon a time, in a small town,", options);

        Assert.Equal(first.Text, again.Text);
        Assert.Equal(again.Usage!.InputTokenCount - 1, again.Usage.CachedInputTokenCount);
    }

    [ModelFact]
    public async Task Complete_PromptCacheOff_ReusesNothingAndKeepsNoCells()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories, Parallel(2, promptCache: false));
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 8 };

        await loaded.Text.CompleteAsync("Once upon a time", options);
        var again = await loaded.Text.CompleteAsync("Once upon a time", options);

        Assert.Equal(0, again.Usage!.CachedInputTokenCount);
        Assert.All(await loaded.Model.Engine.InspectCellsAsync(), cells => Assert.Equal((0, 0), cells));
    }

    [ModelFact]
    public async Task CompleteStreaming_HundredStreamsCancelledAtRandomPoints_OthersUnchangedAndNoCellsLeak()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories, Parallel(4));
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 200 };
        var reference = (await loaded.Text.CompleteAsync(Prompts[0], options)).Text;
        var random = new Random(7);
        var cancelled = 0;

        // One slot keeps generating the reference; the other three run streams that are cancelled after a random
        // number of tokens (some while their prompt is still being evaluated).
        var references = Task.Run(async () =>
        {
            var texts = new List<string>();
            while (Volatile.Read(ref cancelled) < 100)
            {
                texts.Add((await loaded.Text.CompleteAsync(Prompts[0], options)).Text);
            }

            return texts;
        });
        var cancellers = Enumerable.Range(0, 3).Select(worker => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref cancelled) <= 100)
            {
                int stopAfter;
                lock (random)
                {
                    stopAfter = random.Next(0, 40);
                }

                using var cts = new CancellationTokenSource();
                var received = 0;
                try
                {
                    await foreach (var update in loaded.Text.CompleteStreamingAsync(Prompts[1 + worker] + " " + stopAfter, options, cts.Token))
                    {
                        if (++received >= stopAfter)
                        {
                            await cts.CancelAsync();
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }
        }));
        await Task.WhenAll(cancellers);
        var texts = await references;

        Assert.NotEmpty(texts);
        Assert.All(texts, text => Assert.Equal(reference, text));
        var cells = await loaded.Model.Engine.InspectCellsAsync();
        // llama.cpp agrees with the engine's own account of every sequence, and the engine's total is that sum.
        Assert.All(cells, c => Assert.Equal(c.LlamaCells, c.EngineTokens));
        Assert.Equal(cells.Sum(c => c.LlamaCells), loaded.Model.Engine.Snapshot().KvCellsUsed);
        Assert.Equal(0, loaded.Model.Engine.Snapshot().SlotsBusy);
    }

    [ModelTheory]
    [InlineData("q8_0")]
    [InlineData("q4_0")]
    public async Task Complete_QuantizedKvCache_GeneratesAndReusesThePrefix(string kvType)
    {
        // Quantized KV blocks are 32 wide, so the head size must be a multiple of 32: a random model with 64-wide heads.
        var folder = Directory.CreateTempSubdirectory("locus-kv-");
        var path = Path.Combine(folder.FullName, "heads64.gguf");
        Gguf.RandomModelWriter.Write(path, new Gguf.RandomModelOptions
        {
            EmbeddingLength = 256,
            LayerCount = 1,
            HeadCount = 4,
            FeedForwardLength = 256,
            ContextLength = 1024,
            WeightType = Gguf.GgmlType.Q8_0,
            Seed = 3,
        }, Gguf.GgufReader.Read(SharedModels.Stories));
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 32, AdditionalProperties = new() { [Core.Abstractions.LocusChatOptions.IgnoreEos] = true } };
        ChatResponse first, again;
        using (var loaded = await LoadedModel.LoadAsync(path, Parallel(2) with { KvCacheType = kvType }))
        {
            first = await loaded.Text.CompleteAsync(Prompts[0], options);
            again = await loaded.Text.CompleteAsync(Prompts[0], options);
        }

        folder.Delete(recursive: true);
        Assert.Equal(32, first.Usage!.OutputTokenCount);
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(again.Usage!.InputTokenCount - 1, again.Usage.CachedInputTokenCount);
    }

    [ModelFact]
    public async Task Load_QuantizedKvCacheOnNarrowHeads_RefusesAndSaysToUseF16()
    {
        // stories260K's attention heads are 8 wide: no 32-wide quantized block fits.
        var error = await Assert.ThrowsAsync<Core.Errors.LocusException>(() => LoadedModel.LoadAsync(SharedModels.Stories, Parallel(1) with { KvCacheType = "q8_0" }));

        Assert.Contains("llama.kv_cache_type: f16", error.Message);
    }

    [ModelFact]
    public async Task Complete_EmptyPromptOnAModelWithoutBos_IsInvalidAndTheEngineServesOn()
    {
        // Qwen2's tokenizer adds no BOS: an empty prompt has no token to take logits from.
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Qwen, Parallel(2));

        var error = await Assert.ThrowsAsync<Locus.Core.Errors.LocusException>(() => loaded.Text.CompleteAsync("", new ChatOptions { MaxOutputTokens = 4 }));
        var next = await loaded.Text.CompleteAsync("hello", new ChatOptions { MaxOutputTokens = 4, Temperature = 0 });

        Assert.Equal("empty_prompt", error.Error.Code);
        Assert.Equal(4, next.Usage!.OutputTokenCount);
    }

    [ModelFact]
    public async Task CompleteStreaming_CancelledWithPromptCacheOff_CellsReturnToZero()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories, Parallel(4, promptCache: false));
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 200 };
        for (var round = 0; round < 10; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
            {
                using var cts = new CancellationTokenSource();
                try
                {
                    await foreach (var update in loaded.Text.CompleteStreamingAsync(Prompts[i], options, cts.Token))
                    {
                        await cts.CancelAsync();
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }));
        }

        Assert.All(await loaded.Model.Engine.InspectCellsAsync(), cells => Assert.Equal((0, 0), cells));
        Assert.Equal(0, loaded.Model.Engine.Snapshot().KvCellsUsed);
    }
}
