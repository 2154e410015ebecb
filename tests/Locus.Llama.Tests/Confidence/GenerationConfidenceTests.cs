using Locus.Core.Abstractions;
using Locus.Llama.Native;
using Locus.Llama.Tests.Engine;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Tests.Confidence;

/// <summary>Token log probabilities and entropies measured by the real llama.cpp engine on the shared models.</summary>
public sealed class GenerationConfidenceTests
{
    private const string Story = "Once upon a time";

    internal static ChatOptions Measured(int maxTokens, float temperature = 0, int? seed = null) => new()
    {
        Temperature = temperature,
        Seed = seed,
        MaxOutputTokens = maxTokens,
        AdditionalProperties = new() { [LocusChatOptions.MeasureConfidence] = true },
    };

    [ModelFact]
    public async Task Complete_GreedyFirstToken_LogProbIsMaxLogSoftmaxOfTheModelsOwnLogits()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories);
        var response = await loaded.Text.CompleteAsync(Story, Measured(1));
        var confidence = GenerationConfidence.From(response.AdditionalProperties)!;

        var logits = PromptLogits(loaded, Story);
        var argmax = Array.IndexOf(logits, logits.Max());
        var (logProb, entropy) = ScalarReference.Measure(logits, argmax);

        Assert.Equal(1, confidence.Tokens);
        Assert.Equal(logProb, confidence.MeanLogProb, 3);
        Assert.Equal(logProb, confidence.MinLogProb, 3);
        Assert.Equal(entropy, confidence.MeanEntropy, 3);
    }

    [ModelFact]
    public async Task Complete_GreedyStory_InvariantsHoldAndRepeatExactly()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories);
        var first = await loaded.Text.CompleteAsync(Story, Measured(48));
        var second = await loaded.Text.CompleteAsync(Story, Measured(48));
        var c = GenerationConfidence.From(first.AdditionalProperties)!;

        Assert.Equal(first.Usage!.OutputTokenCount, c.Tokens);
        Assert.True(c.MinLogProb <= c.MeanLogProb && c.MeanLogProb <= 0, $"{c}");
        Assert.InRange(c.MeanEntropy, 0, Math.Log(LlamaApi.VocabSize(loaded.Model.Vocab)));
        // Greedy picks the most likely token, whose log probability is never below −entropy (min-entropy ≤ entropy).
        Assert.True(c.MeanLogProb >= -c.MeanEntropy - 1e-6, $"{c}");
        Assert.InRange(c.Confidence, double.Epsilon, 1);
        Assert.Equal(first.Text, second.Text);
        AssertSame(c, GenerationConfidence.From(second.AdditionalProperties)!);
    }

    /// <summary>
    /// Equal up to float rounding. A repeated prompt is served from the prompt cache: its last token is evaluated alone
    /// instead of in the prompt's batch, and llama.cpp's kernels round a one-row batch differently in the last digits
    /// (measured here: ~1e-9 in the mean log probability, the same tokens).
    /// </summary>
    private static void AssertSame(GenerationConfidence expected, GenerationConfidence actual)
    {
        Assert.Equal(expected.Tokens, actual.Tokens);
        Assert.Equal(expected.MeanLogProb, actual.MeanLogProb, 1e-6);
        Assert.Equal(expected.MinLogProb, actual.MinLogProb, 1e-6);
        Assert.Equal(expected.MeanEntropy, actual.MeanEntropy, 1e-6);
    }

    [ModelFact]
    public async Task Complete_WithoutTheFlag_AttachesNoConfidence()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories);
        var response = await loaded.Text.CompleteAsync(Story, new ChatOptions { Temperature = 0, MaxOutputTokens = 8 });

        Assert.Null(GenerationConfidence.From(response.AdditionalProperties));
    }

    [ModelFact]
    public async Task CompleteStreaming_WithTheFlag_LastUpdateCarriesTheSameConfidence()
    {
        using var loaded = await LoadedModel.LoadAsync(SharedModels.Stories);
        var options = Measured(32, temperature: 0.8f, seed: 99);
        var whole = await loaded.Text.CompleteAsync(Story, options);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in loaded.Text.CompleteStreamingAsync(Story, options))
        {
            updates.Add(update);
        }

        Assert.All(updates.SkipLast(1), u => Assert.Null(GenerationConfidence.From(u.AdditionalProperties)));
        AssertSame(GenerationConfidence.From(whole.AdditionalProperties)!, GenerationConfidence.From(updates[^1].AdditionalProperties)!);
    }

    /// <summary>The next-token logits after the prompt, from a context of the test's own (not the engine's slot).</summary>
    private static unsafe float[] PromptLogits(LoadedModel loaded, string prompt)
    {
        var tokens = loaded.Model.Tokenize(prompt);
        var parameters = LlamaApi.llama_context_default_params();
        parameters.NCtx = 128;
        parameters.NBatch = 128;
        parameters.NUbatch = 128;
        parameters.NSeqMax = 1;
        parameters.NThreads = 2;
        parameters.NThreadsBatch = 2;
        using var context = LlamaApi.CreateContext(loaded.Model.Handle, parameters)!;
        fixed (int* t = tokens)
        {
            Assert.Equal(0, LlamaApi.Decode(context.DangerousGetHandle(), t, tokens.Length));
        }

        return LlamaApi.LastLogits(context.DangerousGetHandle(), LlamaApi.VocabSize(loaded.Model.Vocab)).ToArray();
    }
}
