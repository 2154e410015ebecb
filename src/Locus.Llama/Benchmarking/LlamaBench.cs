using Locus.Core.Configuration;
using Locus.Llama.Engine;

namespace Locus.Llama.Benchmarking;

/// <summary>One measured run: prompt evaluation and generation speed of Locus's engine, the way llama-bench measures them.</summary>
public sealed record BenchRun(int PromptTokens, double PromptTokensPerSecond, int GeneratedTokens, double GenerationTokensPerSecond);

/// <summary>
/// Measures the engine's own code path (the batch engine's prompt evaluation and sample-decode steps, as a request runs them) on
/// random prompt tokens with greedy sampling, like llama-bench's pp/tg tests: the prompt is evaluated from an empty
/// cache, then exactly <c>generate</c> tokens are generated on top of it (end-of-generation ignored).
/// </summary>
public static class LlamaBench
{
    public static async Task<IReadOnlyList<BenchRun>> RunAsync(string modelPath, LlamaOptions options, int promptTokens, int generate,
        int repetitions, CancellationToken cancellationToken = default) =>
        await RunAsync(modelPath, options, promptTokens, generate, repetitions, measureConfidence: false, cancellationToken).ConfigureAwait(false);

    /// <param name="measureConfidence">Also compute every token's log probability and entropy, to measure what that costs.</param>
    public static async Task<IReadOnlyList<BenchRun>> RunAsync(string modelPath, LlamaOptions options, int promptTokens, int generate,
        int repetitions, bool measureConfidence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sized = options with { ContextSize = Math.Max(options.ContextSize, promptTokens + generate + 1), Parallel = 1 };
        using var catalog = await LlamaModels.LoadAsync([new LocalModelSpec(modelPath)], sized, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var model = ((LlamaChatClient)catalog.Find(catalog.Models[0].Id)!).Model;
        var vocab = Native.LlamaApi.VocabSize(model.Vocab);
        var random = new Random(42);
        var runs = new List<BenchRun>();

        // Warm-up runs (not reported), as llama-bench does one: first use allocates compute buffers. A .NET process also
        // re-compiles hot methods in the background once they have run a while (tiered JIT); on two cores that
        // compilation competes with llama.cpp's threads, so the warm-up ends with a pause that lets it finish, and
        // what is measured is the steady state a long-running server is in.
        const int warmups = 4;
        for (var i = -warmups; i < repetitions; i++)
        {
            if (i == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }

            var prompt = Enumerable.Range(0, promptTokens).Select(_ => random.Next(vocab)).ToArray();
            var request = new GenerationRequest(prompt, new SamplingSettings(Temperature: 0), generate, [], static _ => { }, IgnoreEndOfGeneration: true,
                MeasureConfidence: measureConfidence, ReusePrefix: false);
            using var lease = await model.Scheduler.AcquireAsync(cancellationToken).ConfigureAwait(false);
            var result = await model.Engine.RunAsync(request, cancellationToken).ConfigureAwait(false);
            if (i >= 0)
            {
                // Generation time covers generate-1 decodes plus generate samples: the first token comes from the prompt's logits.
                runs.Add(new BenchRun(promptTokens, promptTokens / result.PromptEvalTime.TotalSeconds,
                    result.CompletionTokens, (result.CompletionTokens - 1) / result.GenerationTime.TotalSeconds));
            }
        }

        return runs;
    }
}
