using Locus.Gguf;
using Locus.Hardware.Models;
using Locus.Hardware.Synthetic;

namespace Locus.Hardware.Tests;

public sealed class SyntheticSpecTests
{
    [Theory]
    [InlineData("llama:1b:q4_0", "llama", 1.0, GgmlType.Q4_0)]
    [InlineData("Qwen2:500m:Q8_0", "qwen2", 0.5, GgmlType.Q8_0)]
    [InlineData("llama:0.25b:f16", "llama", 0.25, GgmlType.F16)]
    public void Parse_ValidSpec_ReadsFamilySizeAndType(string text, string arch, double size, GgmlType type)
    {
        var spec = SyntheticSpec.Parse(text);

        Assert.Equal((arch, type), (spec.Architecture, spec.WeightType));
        Assert.Equal(size, spec.ParamsB, 9);
    }

    [Theory]
    [InlineData("llama:1b", "ARCH:SIZE:QUANT")]
    [InlineData("mistral:7b:q4_0", "known: llama, qwen2")]
    [InlineData("llama:big:q4_0", "size 'big'")]
    [InlineData("llama:-1b:q4_0", "size '-1b'")]
    [InlineData("llama:1b:q4_k_m", "supported: f32, f16, q8_0, q4_0")]
    public void Parse_BadSpec_SaysWhatIsAccepted(string text, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => SyntheticSpec.Parse(text));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_PresetSize_IsThePublishedShapeWithItsVocabulary()
    {
        var options = SyntheticShapes.Options(SyntheticSpec.Parse("llama:1b:q4_0"), 128);
        var preset = ArchitecturePresets.Find("Llama-3.2 1B");

        Assert.Equal((16, 2048, 32, 8, 8192, 128256, true), (options.LayerCount, options.EmbeddingLength, options.HeadCount, options.HeadCountKv,
            options.FeedForwardLength, options.VocabSize, options.TiedEmbeddings));
        // The written parameter count is the published one (1.24B), within the norms' rounding.
        var parameters = (options.LayerCount * SyntheticShapes.LayerParameters(preset)) + ((long)options.VocabSize * options.EmbeddingLength);
        Assert.InRange(parameters / 1e9, 1.23, 1.25);
    }

    [Theory]
    [InlineData("llama:0.6b:q8_0", 0.6)]
    [InlineData("qwen2:0.3b:q4_0", 0.3)]
    [InlineData("llama:20b:q4_0", 20)]
    public void Options_SizeBetweenPresets_ScalesLayersToTheSize(string text, double expectedB)
    {
        var spec = SyntheticSpec.Parse(text);
        var preset = SyntheticShapes.Preset(spec);
        var options = SyntheticShapes.Options(spec, 128);

        var embeddings = (long)options.VocabSize * options.EmbeddingLength * (options.TiedEmbeddings ? 1 : 2);
        var parameters = (options.LayerCount * SyntheticShapes.LayerParameters(preset)) + embeddings;
        // Within half a layer of the size asked for.
        Assert.InRange(parameters, (expectedB * 1e9) - (SyntheticShapes.LayerParameters(preset) / 2.0), (expectedB * 1e9) + (SyntheticShapes.LayerParameters(preset) / 2.0));
        Assert.NotEqual(preset.Layers, options.LayerCount);
    }

    [Fact]
    public void Options_SizeBelowOneLayer_KeepsOneLayer()
    {
        var options = SyntheticShapes.Options(SyntheticSpec.Parse("qwen2:0.01b:q4_0"), 64);

        Assert.Equal(1, options.LayerCount);
        Assert.Equal(151936, options.VocabSize);
    }
}
