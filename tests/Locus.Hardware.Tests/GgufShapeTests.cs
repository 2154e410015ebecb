using Locus.Gguf;
using Locus.Hardware.Devices;
using Locus.Hardware.Fit;
using Locus.Hardware.Models;

namespace Locus.Hardware.Tests;

/// <summary>Memory fit from real GGUF headers in ../shared/models.</summary>
public sealed class GgufShapeTests
{
    [ModelFact]
    public void From_SharedModels_TakesWeightsAndDimensionsFromTheHeader()
    {
        foreach (var name in new[] { "stories260K.gguf", "llama-2-tiny-random.gguf", "random-qwen2-tiny.gguf" })
        {
            var file = GgufReader.Read(Path.Combine(SharedModels.Folder!, name));
            var shape = GgufModelShape.From(file, name);
            Assert.Equal(file.TensorBytes, shape.WeightBytes);
            Assert.Equal(file.ParameterCount, shape.Parameters);
            Assert.Equal(file.BlockCount, shape.Layers);
            Assert.Equal(file.HeadCountKv, shape.HeadCountKv);
            Assert.Equal(file.ContextLength, shape.TrainedContext);
            Assert.True(shape.WeightBytes < new FileInfo(Path.Combine(SharedModels.Folder!, name)).Length, name);
        }
    }

    [ModelFact]
    public void KvBytesPerToken_Stories_MatchesTheFormulaOnItsMetadata()
    {
        var file = GgufReader.Read(SharedModels.Stories);
        var shape = GgufModelShape.From(file, "stories");
        // 2 × layers × kv heads × (embedding ÷ heads) × 2 bytes, read straight from the metadata.
        var expected = 2 * file.BlockCount!.Value * file.HeadCountKv!.Value * (file.EmbeddingLength!.Value / file.HeadCount!.Value) * 2;
        Assert.Equal(expected, MemoryEstimate.KvBytesPerToken(shape, KvCacheType.F16));
    }

    [ModelFact]
    public void Compute_TinyModelOnPi_FitsWithContextCappedAtTrained()
    {
        var shape = GgufModelShape.From(GgufReader.Read(SharedModels.Llama2), "llama-2-tiny");
        var fit = MemoryFitCalculator.Compute(shape, DeviceCatalog.BuiltIn.Find("raspberry-pi-5", out _)!, 512, KvCacheType.F16);
        Assert.True(fit.Fits);
        Assert.Equal(shape.TrainedContext, fit.MaxContext);
        Assert.Equal(shape.WeightBytes + fit.KvBytes + fit.ComputeBytes, fit.TotalBytes);
    }
}
