using Locus.Core.Abstractions;
using Locus.Llama.Native;
using Locus.Llama.Tests.Engine;
using Xunit.Abstractions;

namespace Locus.Llama.Tests.Confidence;

/// <summary>
/// A trained model against random-weight ones on the text the trained one was trained for. Measured (seed 5, 32 sampled
/// tokens at 0.8): stories260K mean logprob ≈ −1.24 (confidence 0.29), entropy 1.41 nats of ln 512 = 6.24; the random
/// models sit at the uniform distribution (entropy ≈ ln vocab: 10.37 of 10.37, 11.92 of 11.93). The vocabularies differ
/// (512 vs 32,000 vs 151,936), so the test also compares entropy as a fraction of ln(vocab), which removes that advantage.
/// </summary>
public sealed class ModelConfidenceComparisonTests(ITestOutputHelper output)
{
    [ModelFact]
    public async Task Confidence_TrainedStoriesVsRandomWeights_TrainedIsMoreConfident()
    {
        var stories = await MeasureAsync(SharedModels.Stories);
        var llama2 = await MeasureAsync(SharedModels.Llama2);
        var qwen = await MeasureAsync(SharedModels.Qwen);
        var all = $"stories260K: {stories}\nllama-2-tiny-random: {llama2}\nrandom-qwen2-tiny: {qwen}";
        output.WriteLine(all);

        Assert.True(stories.Summary.Confidence > Math.Max(llama2.Summary.Confidence, qwen.Summary.Confidence), all);
        Assert.True(stories.Summary.Certainty > Math.Max(llama2.Summary.Certainty, qwen.Summary.Certainty), all);
        Assert.True(Normalized(stories) < 0.5 && Normalized(llama2) > 0.9 && Normalized(qwen) > 0.9, all);
    }

    private static double Normalized((GenerationConfidence Summary, int Vocab) m) => m.Summary.MeanEntropy / Math.Log(m.Vocab);

    private static async Task<(GenerationConfidence Summary, int Vocab)> MeasureAsync(string path)
    {
        using var loaded = await LoadedModel.LoadAsync(path);
        var response = await loaded.Text.CompleteAsync("Once upon a time, there was a little girl named Lily. She",
            GenerationConfidenceTests.Measured(32, temperature: 0.8f, seed: 5));
        return (GenerationConfidence.From(response.AdditionalProperties)!, LlamaApi.VocabSize(loaded.Model.Vocab));
    }
}
