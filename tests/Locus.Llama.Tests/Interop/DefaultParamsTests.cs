using Locus.Core.Configuration;
using Locus.Llama.Engine;
using Locus.Llama.Native;

namespace Locus.Llama.Tests.Interop;

/// <summary>Reads llama.cpp's own defaults through the managed structs: a shifted field shows up as a wrong value.</summary>
public sealed class DefaultParamsTests
{
    public DefaultParamsTests() => LlamaRuntime.EnsureInitialized(new LlamaOptions(), null);

    [Fact]
    public void ModelDefaults_ReadThroughManagedLayout_HaveLibraryValues()
    {
        var p = LlamaApi.llama_model_default_params();
        Assert.Equal(-1, p.NGpuLayers);
        Assert.Equal(1, p.SplitMode); // LLAMA_SPLIT_MODE_LAYER
        Assert.Equal(0, p.MainGpu);
        Assert.Equal(IntPtr.Zero, p.ProgressCallback);
        Assert.Equal(0, p.VocabOnly);
        Assert.Equal(1, p.UseExtraBufts);
        Assert.Equal(0, p.LoadMtp);
    }

    [Fact]
    public void ContextDefaults_ReadThroughManagedLayout_HaveLibraryValues()
    {
        var p = LlamaApi.llama_context_default_params();
        Assert.Equal(512u, p.NCtx);
        Assert.Equal(2048u, p.NBatch);
        Assert.Equal(512u, p.NUbatch);
        Assert.Equal(1u, p.NSeqMax);
        Assert.Equal(1u, p.NOutputsMaxPerSeq);
        Assert.Equal(-1, p.FlashAttnType); // LLAMA_FLASH_ATTN_TYPE_AUTO
        Assert.Equal(-1f, p.YarnExtFactor);
        Assert.Equal(-1f, p.DefragThold);
        Assert.Equal(1, p.TypeK); // GGML_TYPE_F16
        Assert.Equal(1, p.TypeV);
        Assert.Equal(IntPtr.Zero, p.AbortCallback);
        Assert.Equal(0, p.Embeddings);
        Assert.Equal(1, p.OffloadKqv);
        Assert.Equal(1, p.NoPerf);
        Assert.Equal(1, p.OpOffload);
        Assert.Equal(1, p.SwaFull);
        Assert.Equal(0, p.KvUnified);
        Assert.Equal(IntPtr.Zero, p.CtxOther);
    }

    [Fact]
    public void SamplerChainDefaults_ReadThroughManagedLayout_HaveLibraryValues() =>
        Assert.Equal(1, LlamaApi.llama_sampler_chain_default_params().NoPerf);

    [Fact]
    public void Version_IsTheBuildLocusPins() => Assert.StartsWith("0.5.0", LlamaApi.Version);
}
