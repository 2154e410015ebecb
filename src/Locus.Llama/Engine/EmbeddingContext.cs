using Locus.Core.Configuration;
using Locus.Core.Errors;
using Locus.Llama.Engine;
using Locus.Llama.Native;

namespace Locus.Llama.Engine;

/// <summary>
/// A llama context of its own in embedding mode, beside (never inside) a model's chat engine: chat slots keep their KV
/// cache and their batches. One decode evaluates several inputs at once, one sequence id each, and pools each
/// sequence into one vector. Not thread-safe: <see cref="LlamaEmbeddingGenerator"/> serialises calls.
/// </summary>
internal sealed unsafe class EmbeddingContext : IDisposable
{
    /// <summary>Inputs evaluated by one decode at most (llama.cpp allows 256 sequences; 64 keeps the output small).</summary>
    public const int MaxSequencesPerDecode = 64;

    private readonly SafeContextHandle _context;
    private readonly SafeThreadpoolHandle? _threadpool;
    private readonly NativeBatch _batch;
    private readonly int _dimensions;

    private EmbeddingContext(SafeContextHandle context, SafeThreadpoolHandle? threadpool, int capacity, int dimensions, int pooling)
    {
        _context = context;
        _threadpool = threadpool;
        _batch = new NativeBatch(capacity);
        _dimensions = dimensions;
        Capacity = capacity;
        Pooling = pooling;
    }

    /// <summary>Tokens one decode (and so one input) may hold.</summary>
    public int Capacity { get; }

    /// <summary>The llama.cpp pooling type in force (mean, CLS or last).</summary>
    public int Pooling { get; }

    /// <summary>
    /// The pooling to ask for: the model's own when its GGUF declares one (<c>&lt;arch&gt;.pooling_type</c>: embedding
    /// models such as BERT or nomic do), else mean over the input's tokens, as <c>llama-server --pooling mean</c> does.
    /// A decoder-only chat model declares none; llama.cpp would then pool nothing and return no sequence vectors.
    /// </summary>
    public static int PoolingFor(SafeModelHandle model)
    {
        var architecture = LlamaApi.MetadataText(model, "general.architecture");
        var declared = architecture is null ? null : LlamaApi.MetadataText(model, architecture + ".pooling_type");
        return int.TryParse(declared, out var pooling) && pooling is LlamaApi.PoolingMean or LlamaApi.PoolingCls or LlamaApi.PoolingLast
            ? LlamaApi.PoolingUnspecified
            : LlamaApi.PoolingMean;
    }

    public static EmbeddingContext Create(SafeModelHandle model, LlamaOptions options, int contextLength, string id)
    {
        var threads = EngineContext.Threads(options);
        var parameters = LlamaApi.llama_context_default_params();
        parameters.NCtx = (uint)contextLength;
        // A sequence is pooled from one micro-batch (llama.cpp overwrites a sequence's vector per micro-batch), so
        // the whole input must fit in one: the micro-batch is the context.
        parameters.NBatch = (uint)contextLength;
        parameters.NUbatch = (uint)contextLength;
        parameters.NSeqMax = MaxSequencesPerDecode;
        // The inputs of one decode share the cache (each attends to its own sequence only), so one long input may use it all.
        parameters.KvUnified = 1;
        parameters.Embeddings = 1;
        parameters.PoolingType = PoolingFor(model);
        parameters.NThreads = threads;
        parameters.NThreadsBatch = threads;
        var context = LlamaApi.CreateContext(model, parameters) ?? throw new LocusException(new LocusError(LocusErrorKind.Unavailable,
            $"llama.cpp could not create an embedding context of {contextLength} tokens for '{id}' (it said: {LlamaRuntime.LastNativeError ?? "nothing"}). " +
            "Lower llama.context_size.", Code: "model_load_failed"));
        var pooling = LlamaApi.PoolingType(context);
        if (pooling is not (LlamaApi.PoolingMean or LlamaApi.PoolingCls or LlamaApi.PoolingLast))
        {
            context.Dispose();
            throw new LocusException(new LocusError(LocusErrorKind.Unavailable,
                $"'{id}' pools embeddings with llama.cpp pooling type {pooling}, which gives no sentence vector (a reranker?).", Code: "model_not_embedding"));
        }

        var threadpool = GgmlApi.CreateThreadpool(threads);
        if (threadpool is not null)
        {
            LlamaApi.AttachThreadpool(context, threadpool);
        }

        // llama.cpp may round the context up; the batch stays what was asked for, which is what one input may hold.
        return new EmbeddingContext(context, threadpool, contextLength, LlamaApi.EmbeddingLength(model), pooling);
    }

    /// <summary>Raw (unnormalised) pooled vectors, one per input, packing as many inputs per decode as fit.</summary>
    public float[][] Embed(IReadOnlyList<int[]> inputs, CancellationToken cancellationToken)
    {
        var vectors = new float[inputs.Count][];
        var next = 0;
        var handle = _context.DangerousGetHandle();
        while (next < inputs.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var first = next;
            _batch.Clear();
            while (next < inputs.Count && next - first < MaxSequencesPerDecode && inputs[next].Length <= _batch.Room)
            {
                var tokens = inputs[next];
                for (var position = 0; position < tokens.Length; position++)
                {
                    // Every position outputs: llama.cpp pools the outputs of a sequence.
                    _batch.Add(tokens[position], position, next - first, wantLogits: true);
                }

                next++;
            }

            LlamaApi.ClearMemory(handle);
            var result = LlamaApi.Decode(handle, _batch.View);
            if (result != 0)
            {
                throw new LlamaNativeException($"llama_decode returned {result} for {next - first} embedding input(s) of {_batch.Count} tokens");
            }

            for (var i = first; i < next; i++)
            {
                vectors[i] = LlamaApi.SequenceEmbedding(handle, i - first, _dimensions).ToArray();
            }
        }

        LlamaApi.ClearMemory(handle);
        return vectors;
    }

    public void Dispose()
    {
        _context.Dispose();
        _threadpool?.Dispose();
        _batch.Dispose();
    }
}
