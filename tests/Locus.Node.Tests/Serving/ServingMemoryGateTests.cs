using Locus.Core.Configuration;
using Locus.Gguf;
using Locus.Hardware.Fit;
using Locus.Hardware.Models;

namespace Locus.Node.Tests.Serving;

public sealed class ServingMemoryGateTests
{
    private const long GiB = 1024L * 1024 * 1024;

    [ModelFact]
    public void Check_FitsInMemory_EstimateIsThePlannersArithmeticForEverySlot()
    {
        var options = new LlamaOptions { Parallel = 4, ContextSize = 1024 };

        var estimate = Assert.Single(ServingMemoryGate.Check([SharedModels.Stories], options, 16 * GiB));

        var shape = GgufModelShape.From(GgufReader.Read(SharedModels.Stories), "stories260K");
        Assert.Equal(MemoryEstimate.KvBytes(shape, KvCacheType.F16, 4 * 1024), estimate.KvBytes);
        Assert.Equal(shape.WeightBytes, estimate.WeightBytes);
        Assert.True(estimate.Fits);
    }

    [ModelFact]
    public void Check_KvCacheTooLarge_RefusesWithASentenceNamingWhatToChange()
    {
        var options = new LlamaOptions { Parallel = 64, ContextSize = 2_000_000 };

        var error = Assert.Throws<ConfigurationException>(() => ServingMemoryGate.Check([SharedModels.Stories], options, 16 * GiB));

        var message = Assert.Single(error.Errors).Message;
        Assert.StartsWith("stories260K does not fit: 64 slot(s) × 2000000 tokens of context with a f16 KV cache need 76.3 GiB of KV cache", message);
        Assert.Contains("16.0 GiB of memory is available", message);
        Assert.Contains("llama.kv_cache_type: q8_0", message);
    }

    [ModelFact]
    public void Check_QuantizedKvCache_HalvesTheKvBytes()
    {
        var f16 = ServingMemoryGate.Check([SharedModels.Stories], new LlamaOptions { Parallel = 2, ContextSize = 2048 }, 16 * GiB)[0];
        var q8 = ServingMemoryGate.Check([SharedModels.Stories], new LlamaOptions { Parallel = 2, ContextSize = 2048, KvCacheType = "q8_0" }, 16 * GiB)[0];

        Assert.Equal(34.0 / 64, q8.KvBytes / (double)f16.KvBytes, 3);
    }

    [ModelFact]
    public void Check_TwoModelsThatFitOnlyAlone_RefusesTheSecond()
    {
        var options = new LlamaOptions { Parallel = 8, ContextSize = 200_000 };
        var one = ServingMemoryGate.Check([SharedModels.Stories], options, 64 * GiB)[0];

        var error = Assert.Throws<ConfigurationException>(() =>
            ServingMemoryGate.Check([SharedModels.Stories, SharedModels.Stories], options, one.TotalBytes + (one.TotalBytes / 2)));

        Assert.Contains("1 model(s) loaded before it", Assert.Single(error.Errors).Message);
    }
}
