using Locus.Routing.Learning;

namespace Locus.RouterLab.Tests.Learning;

public sealed class LinearRouterModelTests
{
    private static LinearRouterModel RandomModel(int bits = 12)
    {
        var config = new FeaturizerConfig(HashBits: bits, MaxWordNgram: 2, MinCharNgram: 2, MaxCharNgram: 4);
        var random = new Random(3);
        var weights = new float[config.Dimension];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(random.NextDouble() * 4 - 2);
        }

        return new LinearRouterModel(config, weights, -0.75f);
    }

    [Fact]
    public void SaveLoad_Float32_ExactRoundTrip()
    {
        var model = RandomModel();
        var path = Path.Combine(Path.GetTempPath(), $"locus-router-{Guid.NewGuid():N}.lrtm");
        try
        {
            model.Save(path, halfPrecision: false);
            var loaded = LinearRouterModel.Load(path);

            Assert.Equal(model.Config, loaded.Config);
            Assert.Equal(model.Bias, loaded.Bias);
            Assert.Equal(model.Weights.ToArray(), loaded.Weights.ToArray());
            Assert.Equal(model.Predict("a prompt"), loaded.Predict("a prompt"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SaveLoad_Float16_CloseScoresAndHalfSize()
    {
        var model = RandomModel();
        using var half = new MemoryStream();
        using var full = new MemoryStream();
        model.Save(half);
        model.Save(full, halfPrecision: false);
        half.Position = 0;
        var loaded = LinearRouterModel.Load(half);

        Assert.True(half.Length < full.Length * 0.6);
        Assert.Equal(model.Predict("Explain the proof step by step"), loaded.Predict("Explain the proof step by step"), 2);
    }

    [Fact]
    public void Load_WrongMagic_InvalidData()
    {
        using var stream = new MemoryStream("GGUF and then some more bytes"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => LinearRouterModel.Load(stream));
        Assert.Contains("LRTM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Truncated_InvalidData()
    {
        using var saved = new MemoryStream();
        RandomModel().Save(saved);
        using var truncated = new MemoryStream(saved.ToArray()[..(int)(saved.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => LinearRouterModel.Load(truncated));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WrongWeightCount_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LinearRouterModel(new FeaturizerConfig(HashBits: 10), new float[1000], 0));
    }
}
