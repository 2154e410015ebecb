using Locus.Core.Configuration;
using Locus.Core.Errors;
using Locus.Llama.Native;

namespace Locus.Llama.Engine;

/// <summary>Creates the one llama context a model's batch engine runs on, sized for every slot.</summary>
internal static class EngineContext
{
    // ggml_type values of the KV cache element types LlamaOptions allows.
    private const int GgmlTypeF16 = 1;
    private const int GgmlTypeQ4_0 = 2;
    private const int GgmlTypeQ8_0 = 8;

    public static int KvType(string name) => name switch
    {
        "q8_0" => GgmlTypeQ8_0,
        "q4_0" => GgmlTypeQ4_0,
        _ => GgmlTypeF16,
    };

    /// <summary>The compute threads to use: as configured, but never more than the cores this process may run on.</summary>
    public static int Threads(LlamaOptions options) =>
        options.Threads > 0 ? Math.Min(options.Threads, Environment.ProcessorCount) : Environment.ProcessorCount;

    public static BatchEngine Create(SafeModelHandle model, LlamaOptions options, int contextPerSlot, string name)
    {
        var parallel = Math.Max(1, options.Parallel);
        var threads = Threads(options);
        var parameters = LlamaApi.llama_context_default_params();
        parameters.NCtx = (uint)(contextPerSlot * parallel);
        // A step carries up to batch_size tokens, and at least one per slot.
        parameters.NBatch = (uint)Math.Max(Math.Min(options.BatchSize, contextPerSlot * parallel), parallel);
        parameters.NUbatch = parameters.NBatch;
        parameters.NSeqMax = (uint)parallel;
        // One KV stream per sequence: a slot's context is its own, and attention never reads other slots' cells.
        parameters.KvUnified = 0;
        parameters.NThreads = threads;
        parameters.NThreadsBatch = threads;
        parameters.TypeK = KvType(options.KvCacheType);
        parameters.TypeV = KvType(options.KvCacheType);

        var context = LlamaApi.CreateContext(model, parameters) ?? throw ContextFailed(options, parallel, contextPerSlot);
        var threadpool = GgmlApi.CreateThreadpool(threads);
        if (threadpool is not null)
        {
            LlamaApi.AttachThreadpool(context, threadpool);
        }

        return new BatchEngine(context, threadpool, LlamaApi.Vocab(model), parallel, (int)parameters.NBatch, options.PromptCache, name);
    }

    private static LocusException ContextFailed(LlamaOptions options, int parallel, int contextPerSlot)
    {
        var said = LlamaRuntime.LastNativeError ?? "nothing";
        // Quantized KV blocks are 32 values wide: a model whose attention heads are narrower cannot store them.
        var fix = said.Contains("block size", StringComparison.Ordinal)
            ? "This model's attention heads are too narrow for a quantized KV cache: use llama.kv_cache_type: f16."
            : "Lower llama.parallel or llama.context_size, or use a smaller llama.kv_cache_type.";
        return new LocusException(new LocusError(LocusErrorKind.Unavailable,
            $"llama.cpp could not create a context of {parallel} slot(s) × {contextPerSlot} tokens with a {options.KvCacheType} KV cache " +
            $"(it said: {said}). {fix}", Code: "model_load_failed"));
    }
}
