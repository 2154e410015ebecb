namespace Locus.Gguf.Tests;

public sealed class RandomModelWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("locus-gguf-").FullName;

    private static RandomModelOptions Tiny(GgmlType type, int seed = 7) => new()
    {
        EmbeddingLength = 64,
        LayerCount = 2,
        HeadCount = 4,
        HeadCountKv = 2,
        FeedForwardLength = 96,
        ContextLength = 512,
        WeightType = type,
        Seed = seed,
    };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(GgmlType.F32)]
    [InlineData(GgmlType.F16)]
    [InlineData(GgmlType.Q8_0)]
    [InlineData(GgmlType.Q4_0)]
    public void Write_TinyModel_HasLlamaLoaderTensorsAndShapes(GgmlType type)
    {
        var path = Path.Combine(_dir, "m.gguf");

        RandomModelWriter.Write(path, Tiny(type), SyntheticModels.Tokenizer(100));
        var f = GgufReader.Read(path);

        var expected = new List<(string, long[], GgmlType)> { ("token_embd.weight", [64, 100], type) };
        for (var i = 0; i < 2; i++)
        {
            expected.Add(($"blk.{i}.attn_norm.weight", [64], GgmlType.F32));
            expected.Add(($"blk.{i}.attn_q.weight", [64, 64], type));
            expected.Add(($"blk.{i}.attn_k.weight", [64, 32], type)); // head size 16 x 2 kv heads
            expected.Add(($"blk.{i}.attn_v.weight", [64, 32], type));
            expected.Add(($"blk.{i}.attn_output.weight", [64, 64], type));
            expected.Add(($"blk.{i}.ffn_norm.weight", [64], GgmlType.F32));
            expected.Add(($"blk.{i}.ffn_gate.weight", [64, 96], type));
            expected.Add(($"blk.{i}.ffn_up.weight", [64, 96], type));
            expected.Add(($"blk.{i}.ffn_down.weight", [96, 64], type));
        }

        expected.Add(("output_norm.weight", [64], GgmlType.F32));
        expected.Add(("output.weight", [64, 100], type));
        Assert.Equal(expected.Select(e => $"{e.Item1} [{string.Join(", ", e.Item2)}] {e.Item3}"), f.Tensors.Select(t => t.ToString()));
        var perLayer = 64 + (64 * 64 * 2) + (64 * 32 * 2) + 64 + (64 * 96 * 3);
        Assert.Equal((64 * 100 * 2) + 64 + (2 * perLayer), f.ParameterCount);
    }

    [Fact]
    public void Write_TinyModel_HasRequiredLlamaMetadata()
    {
        var path = Path.Combine(_dir, "m.gguf");
        var source = SyntheticModels.Tokenizer(100);

        RandomModelWriter.Write(path, Tiny(GgmlType.Q8_0), source);
        var f = GgufReader.Read(path);

        Assert.Equal("llama", f.Architecture);
        Assert.Equal("Q8_0", f.Quantization);
        Assert.Equal(7, f.FileType);
        Assert.Equal((512L, 64L, 2L, 4L, 2L, 96L, 100L), (f.ContextLength!.Value, f.EmbeddingLength!.Value, f.BlockCount!.Value, f.HeadCount!.Value, f.HeadCountKv!.Value, f.FeedForwardLength!.Value, f.VocabSize!.Value));
        Assert.Equal(16, f.Metadata["llama.rope.dimension_count"].AsInt64());
        Assert.Equal(1e-5, f.Metadata["llama.attention.layer_norm_rms_epsilon"].AsDouble(), 1e-10);
        Assert.Equal(32, f.Metadata["general.alignment"].AsInt64());
        Assert.All(source.Metadata.Where(kv => kv.Key.StartsWith("tokenizer.", StringComparison.Ordinal)), kv => Assert.Equal(kv.Value, f.Metadata[kv.Key]));
        Assert.False(f.Metadata.ContainsKey("source.only")); // only tokenizer.* keys are copied
    }

    [Theory]
    [InlineData(GgmlType.F16)]
    [InlineData(GgmlType.Q4_0)]
    public void Write_Weights_AreSmallFiniteAndNormsAreOne(GgmlType type)
    {
        var path = Path.Combine(_dir, "m.gguf");
        RandomModelWriter.Write(path, Tiny(type), SyntheticModels.Tokenizer(100));
        var f = GgufReader.Read(path);

        var norm = TensorDecoder.Decode(GgmlType.F32, TensorDecoder.ReadTensorBytes(path, f, "blk.1.ffn_norm.weight"), 64);
        var w = TensorDecoder.Decode(type, TensorDecoder.ReadTensorBytes(path, f, "blk.0.ffn_gate.weight"), 64 * 96);

        Assert.All(norm, v => Assert.Equal(1f, v));
        Assert.All(w, v => Assert.True(float.IsFinite(v) && MathF.Abs(v) < 0.04f, $"weight {v}"));
        var std = Math.Sqrt(w.Average(v => (double)v * v));
        Assert.InRange(std, 0.017, 0.023);
    }

    [Fact]
    public void Write_SameSeed_IsDeterministic_OtherSeedDiffers()
    {
        string Make(string name, int seed)
        {
            var p = Path.Combine(_dir, name);
            RandomModelWriter.Write(p, Tiny(GgmlType.Q8_0, seed), SyntheticModels.Tokenizer(64));
            return p;
        }

        var a = File.ReadAllBytes(Make("a.gguf", 1));
        var b = File.ReadAllBytes(Make("b.gguf", 1));
        var c = File.ReadAllBytes(Make("c.gguf", 2));

        Assert.Equal(a, b);
        Assert.Equal(a.Length, c.Length);
        Assert.NotEqual(a, c);
    }

    [ModelFact]
    public void Write_WithStoriesTokenizer_CopiesAll512Tokens()
    {
        var path = Path.Combine(_dir, "stories-random.gguf");
        var source = GgufReader.Read(SharedModels.Stories);

        RandomModelWriter.Write(path, Tiny(GgmlType.F16), source);
        var f = GgufReader.Read(path);

        Assert.Equal(512, f.VocabSize);
        Assert.Equal(source.Metadata["tokenizer.ggml.tokens"], f.Metadata["tokenizer.ggml.tokens"]);
        Assert.Equal(source.Metadata["tokenizer.ggml.scores"], f.Metadata["tokenizer.ggml.scores"]);
        Assert.Equal([64L, 512L], f.Tensors.Single(t => t.Name == "output.weight").Dimensions);
        Assert.Equal(16.0, f.BitsPerWeight, 0.1);
    }

    [Fact]
    public void Write_LargerVocabSize_PadsEveryPerTokenArrayAndSizesTheMatrices()
    {
        var path = Path.Combine(_dir, "padded.gguf");
        var source = SyntheticModels.Tokenizer(100);

        RandomModelWriter.Write(path, Tiny(GgmlType.Q8_0) with { VocabSize = 1000 }, source);
        var f = GgufReader.Read(path);

        Assert.Equal(1000, f.VocabSize);
        var tokens = f.Metadata["tokenizer.ggml.tokens"].AsStrings();
        Assert.Equal(1000, tokens.Count);
        Assert.Equal(source.Metadata["tokenizer.ggml.tokens"].AsStrings(), tokens.Take(100));
        Assert.Equal(1000, tokens.Distinct().Count()); // llama.cpp maps text to id: placeholders must be unique
        Assert.Equal(1000, f.Metadata["tokenizer.ggml.scores"].ArrayLength);
        Assert.Equal(1000, f.Metadata["tokenizer.ggml.token_type"].ArrayLength);
        Assert.Equal([64L, 1000L], f.Tensors.Single(t => t.Name == "output.weight").Dimensions);
        Assert.Equal([64L, 1000L], f.Tensors.Single(t => t.Name == "token_embd.weight").Dimensions);
    }

    [Fact]
    public void Write_VocabSizeBelowTokenizer_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => RandomModelWriter.Write(Path.Combine(_dir, "x.gguf"), Tiny(GgmlType.F16) with { VocabSize = 50 }, SyntheticModels.Tokenizer(100)));

        Assert.Contains("smaller than the tokenizer's 100 tokens", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TiedEmbeddings_OmitsOutputWeight()
    {
        var path = Path.Combine(_dir, "tied.gguf");
        RandomModelWriter.Write(path, Tiny(GgmlType.F16) with { TiedEmbeddings = true }, SyntheticModels.Tokenizer(100));
        var untied = Path.Combine(_dir, "untied.gguf");
        RandomModelWriter.Write(untied, Tiny(GgmlType.F16), SyntheticModels.Tokenizer(100));

        var f = GgufReader.Read(path);

        Assert.DoesNotContain(f.Tensors, t => t.Name == "output.weight");
        Assert.Equal(GgufReader.Read(untied).ParameterCount - (64 * 100), f.ParameterCount);
    }

    [Theory]
    [InlineData(62, 4, 0, 96, GgmlType.F16, "multiple of HeadCount")]
    [InlineData(64, 4, 3, 96, GgmlType.F16, "multiple of HeadCountKv")]
    [InlineData(48, 16, 0, 96, GgmlType.F16, "even")]
    [InlineData(80, 4, 0, 96, GgmlType.Q8_0, "multiples of 32")]
    [InlineData(64, 4, 0, 100, GgmlType.Q4_0, "multiples of 32")]
    [InlineData(64, 4, 0, 96, GgmlType.Q4_K, "F32, F16, Q8_0 or Q4_0")]
    [InlineData(0, 4, 0, 96, GgmlType.F16, "positive")]
    public void Write_InconsistentShape_ThrowsArgumentException(int embd, int heads, int kv, int ff, GgmlType type, string expected)
    {
        var options = new RandomModelOptions { EmbeddingLength = embd, LayerCount = 1, HeadCount = heads, HeadCountKv = kv, FeedForwardLength = ff, WeightType = type };

        var ex = Assert.Throws<ArgumentException>(() => RandomModelWriter.Write(Path.Combine(_dir, "x.gguf"), options, SyntheticModels.Tokenizer(10)));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "x.gguf")));
    }

    [Fact]
    public void Write_SourceWithoutTokens_ThrowsArgumentException()
    {
        var empty = GgufBytes.Header(3, 0, 0).Read();

        var ex = Assert.Throws<ArgumentException>(() => RandomModelWriter.Write(Path.Combine(_dir, "x.gguf"), Tiny(GgmlType.F16), empty));

        Assert.Contains("tokenizer.ggml.tokens", ex.Message, StringComparison.Ordinal);
    }
}
