using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Core.Errors;
using Locus.Gguf;
using Locus.Llama.Engine;
using Locus.Llama.Tests.Engine;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Tests.Embeddings;

/// <summary>
/// Embeddings on the real engine. No real embedding model is in ../shared/models: these are decoder models mean-pooled
/// (the rule for a GGUF that declares no pooling), which is enough to check shape, normalisation, determinism and
/// batching; agreement with llama-server's vectors is checked by the benchmark (docs/benchmarks.md).
/// </summary>
[Collection(IsolatedCollection.Name)]
public sealed class EmbeddingGeneratorTests
{
    private static readonly string[] Sentences =
    [
        "Once upon a time there was a little dog.",
        "The girl named Lily went to the park with her mom.",
        "Tom found a big red ball under the tree.",
        "They were happy and played all day long.",
        "A cat sat on the mat.",
    ];

    public static TheoryData<string> Models => new() { SharedModels.Stories, SharedModels.Qwen };

    private static Task<LoadedModel> LoadAsync(string path, int context = 512) =>
        LoadedModel.LoadAsync(path, new LlamaOptions { Threads = 2, ContextSize = context });

    private static IEmbeddingGenerator<string, Embedding<float>> Generator(LoadedModel loaded) =>
        (IEmbeddingGenerator<string, Embedding<float>>)loaded.Client.GetService(typeof(IEmbeddingGenerator<string, Embedding<float>>))!;

    private static double Norm(ReadOnlySpan<float> v)
    {
        var sum = 0.0;
        foreach (var x in v)
        {
            sum += (double)x * x;
        }

        return Math.Sqrt(sum);
    }

    [ModelTheory]
    [MemberData(nameof(Models))]
    public async Task GenerateAsync_OneText_ModelEmbeddingLengthAndUnitNorm(string path)
    {
        using var loaded = await LoadAsync(path);
        var result = await Generator(loaded).GenerateAsync(["Once upon a time"]);

        var expected = (int)GgufReader.Read(path).EmbeddingLength!.Value;
        var vector = Assert.Single(result).Vector.Span;
        Assert.Equal(expected, vector.Length);
        Assert.Equal(1.0, Norm(vector), 1e-5);
        Assert.Contains(vector.ToArray(), x => x != 0);
        Assert.Equal(loaded.Model.Tokenize("Once upon a time").Length, result.Usage!.InputTokenCount);
    }

    [ModelTheory]
    [MemberData(nameof(Models))]
    public async Task GenerateAsync_SameTextTwice_IdenticalVectors(string path)
    {
        using var loaded = await LoadAsync(path);
        var generator = Generator(loaded);
        var first = await generator.GenerateAsync([Sentences[1]]);
        var second = await generator.GenerateAsync([Sentences[1]]);

        Assert.Equal(first[0].Vector.ToArray(), second[0].Vector.ToArray());
    }

    [ModelTheory]
    [MemberData(nameof(Models))]
    public async Task GenerateAsync_BatchOfInputs_EqualsOneCallEach(string path)
    {
        using var loaded = await LoadAsync(path);
        var generator = Generator(loaded);
        var batch = await generator.GenerateAsync(Sentences);

        Assert.Equal(Sentences.Length, batch.Count);
        for (var i = 0; i < Sentences.Length; i++)
        {
            var alone = (await generator.GenerateAsync([Sentences[i]]))[0].Vector.Span;
            var together = batch[i].Vector.Span;
            for (var k = 0; k < alone.Length; k++)
            {
                Assert.True(Math.Abs(alone[k] - together[k]) <= 1e-5, $"input {i}, component {k}: {alone[k]} alone, {together[k]} in the batch");
            }
        }
    }

    [ModelTheory]
    [MemberData(nameof(Models))]
    public async Task GenerateAsync_DifferentTexts_DifferentVectors(string path)
    {
        using var loaded = await LoadAsync(path);
        var result = await Generator(loaded).GenerateAsync(Sentences);

        for (var i = 0; i < result.Count; i++)
        {
            for (var j = i + 1; j < result.Count; j++)
            {
                Assert.NotEqual(result[i].Vector.ToArray(), result[j].Vector.ToArray());
            }
        }
    }

    [ModelFact]
    public async Task GenerateFromTokensAsync_TheTextsTokens_SameVectorsAsTheText()
    {
        using var loaded = await LoadAsync(SharedModels.Stories);
        var generator = Generator(loaded);
        var tokens = (ITokenEmbeddingGenerator)generator.GetService(typeof(ITokenEmbeddingGenerator))!;
        var fromText = await generator.GenerateAsync(Sentences[..2]);
        var fromTokens = await tokens.GenerateFromTokensAsync([.. Sentences[..2].Select(s => (IReadOnlyList<int>)loaded.Model.Tokenize(s))]);

        Assert.Equal(fromText[0].Vector.ToArray(), fromTokens[0].Vector.ToArray());
        Assert.Equal(fromText[1].Vector.ToArray(), fromTokens[1].Vector.ToArray());
    }

    [ModelFact]
    public async Task GenerateFromTokensAsync_IdOutsideTheVocabulary_InvalidRequestNamingIt()
    {
        using var loaded = await LoadAsync(SharedModels.Stories);
        var tokens = (ITokenEmbeddingGenerator)Generator(loaded).GetService(typeof(ITokenEmbeddingGenerator))!;

        var error = await Assert.ThrowsAsync<LocusException>(() => tokens.GenerateFromTokensAsync([[1, 2], [3, 512]]));

        Assert.Equal(LocusErrorKind.InvalidRequest, error.Error.Kind);
        Assert.Equal("invalid_token", error.Error.Code);
        Assert.Contains("input[1]", error.Error.Message, StringComparison.Ordinal);
    }

    [ModelFact]
    public async Task GenerateAsync_InputLongerThanTheContext_ContextLengthExceededWithTheNumbers()
    {
        using var loaded = await LoadAsync(SharedModels.Stories, context: 64);
        var generator = Generator(loaded);
        var longText = string.Join(" ", Enumerable.Repeat("the little dog ran", 200));
        var count = loaded.Model.Tokenize(longText).Length;
        Assert.True(count > loaded.Model.ContextLength, $"{count} tokens should overflow {loaded.Model.ContextLength}");

        var error = await Assert.ThrowsAsync<LocusException>(() => generator.GenerateAsync(["short", longText]));

        Assert.Equal(LocusErrorKind.ContextOverflow, error.Error.Kind);
        Assert.Equal("context_length_exceeded", error.Error.Code);
        Assert.Contains($"{count} tokens", error.Error.Message, StringComparison.Ordinal);
        Assert.Contains($"{loaded.Model.ContextLength} tokens", error.Error.Message, StringComparison.Ordinal);
        // Still serving.
        Assert.Single(await generator.GenerateAsync(["short"]));
    }

    [ModelFact]
    public async Task GenerateAsync_ManyInputsFillingTheContext_SplitIntoSeveralDecodesSameVectors()
    {
        using var loaded = await LoadAsync(SharedModels.Stories, context: 64);
        var generator = Generator(loaded);
        // 100 inputs of ~12 tokens: more sequences than one decode holds, and more tokens than the context (llama.cpp
        // rounds it up to 256).
        var inputs = Enumerable.Range(0, 100).Select(i => Sentences[i % Sentences.Length]).ToArray();

        var result = await generator.GenerateAsync(inputs);

        var singles = await generator.GenerateAsync(Sentences);
        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(singles[i % Sentences.Length].Vector.ToArray(), result[i].Vector.ToArray(), new Tolerance(1e-5f));
        }
    }

    [ModelFact]
    public async Task GenerateAsync_Dimensions_TruncatedAndRenormalised()
    {
        using var loaded = await LoadAsync(SharedModels.Stories);
        var generator = Generator(loaded);
        var full = (await generator.GenerateAsync([Sentences[0]]))[0].Vector.ToArray();

        var cut = (await generator.GenerateAsync([Sentences[0]], new EmbeddingGenerationOptions { Dimensions = 16 }))[0].Vector.ToArray();

        Assert.Equal(16, cut.Length);
        Assert.Equal(1.0, Norm(cut), 1e-5);
        var scale = Norm(full.AsSpan(0, 16));
        Assert.Equal(full[..16].Select(x => x / scale), cut.Select(x => (double)x), new Tolerance(1e-5));
        var error = await Assert.ThrowsAsync<LocusException>(() => generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = full.Length + 1 }));
        Assert.Equal("dimensions", error.Error.Param);
    }

    [ModelFact]
    public async Task GenerateAsync_ConcurrentRequestsAndChat_EachAsIfAlone()
    {
        using var loaded = await LoadAsync(SharedModels.Stories);
        var generator = Generator(loaded);
        var expected = await generator.GenerateAsync(Sentences);
        var chatAlone = (await loaded.Text.CompleteAsync("Once upon a time", new ChatOptions { Temperature = 0, MaxOutputTokens = 24 })).Text;

        var chat = loaded.Text.CompleteAsync("Once upon a time", new ChatOptions { Temperature = 0, MaxOutputTokens = 24 });
        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => generator.GenerateAsync(Sentences))));

        Assert.Equal(chatAlone, (await chat).Text);
        foreach (var run in runs)
        {
            for (var i = 0; i < Sentences.Length; i++)
            {
                Assert.Equal(expected[i].Vector.ToArray(), run[i].Vector.ToArray());
            }
        }
    }

    [ModelFact]
    public async Task LoadAsync_EmbeddingModelConfigured_ListedAndEmbedsButRefusesChat()
    {
        var options = new LlamaOptions { Threads = 2, ContextSize = 256, EmbeddingModel = SharedModels.Qwen };
        using var catalog = await LlamaModels.LoadAsync([new LocalModelSpec(SharedModels.Stories)], options);

        Assert.Equal(["stories260K", "random-qwen2-tiny"], catalog.Models.Select(m => m.Id));
        var client = catalog.Find("random-qwen2-tiny")!;
        var generator = (IEmbeddingGenerator<string, Embedding<float>>)client.GetService(typeof(IEmbeddingGenerator<string, Embedding<float>>))!;
        var vector = (await generator.GenerateAsync(["hello"]))[0].Vector;
        Assert.Equal((int)GgufReader.Read(SharedModels.Qwen).EmbeddingLength!.Value, vector.Length);
        var error = await Assert.ThrowsAsync<LocusException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));
        Assert.Equal("model_embeddings_only", error.Error.Code);
    }

    [Fact]
    public void Normalized_ZeroVector_StaysZero()
    {
        Assert.Equal([0f, 0f], EmbeddingVectors.Normalized([0f, 0f, 5f], 2));
        Assert.Equal([0.6f, 0.8f], EmbeddingVectors.Normalized([3f, 4f], 2));
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>, IEqualityComparer<float>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public bool Equals(float x, float y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;

        public int GetHashCode(float obj) => 0;
    }
}
