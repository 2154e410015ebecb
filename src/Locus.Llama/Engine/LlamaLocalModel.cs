using System.Runtime.InteropServices;
using System.Text;
using Locus.Core.Configuration;
using Locus.Core.Errors;
using Locus.Llama.Chat;
using Locus.Llama.Native;

namespace Locus.Llama.Engine;

/// <summary>A loaded GGUF: weights, vocabulary, chat formatting and the slots that run requests against it.</summary>
internal sealed unsafe class LlamaLocalModel : IDisposable
{
    private readonly SafeModelHandle _model;
    private readonly Lazy<LlamaEmbeddingGenerator> _embedder;

    private LlamaLocalModel(string id, string path, SafeModelHandle model, BatchEngine engine, ChatPromptFormatter formatter,
        LlamaOptions options, TimeProvider time)
    {
        Id = id;
        Path = path;
        _model = model;
        Engine = engine;
        Vocab = LlamaApi.Vocab(model);
        Formatter = formatter;
        ContextLength = engine.ContextPerSlot;
        Scheduler = new SlotScheduler(engine.SlotCount, options.QueueLimit, time);
        Description = LlamaApi.Description(model);
        // Its own context, made when the first embedding request comes: a chat-only deployment pays nothing for it.
        _embedder = new Lazy<LlamaEmbeddingGenerator>(() => new LlamaEmbeddingGenerator(id, model, ContextLength, options, time),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>This model's embeddings (same weights, a separate embedding-mode context), created on first use.</summary>
    public LlamaEmbeddingGenerator Embedder => _embedder.Value;

    public string Id { get; }

    public string Path { get; }

    public string Description { get; }

    public IntPtr Vocab { get; }

    /// <summary>The weights, for tests that evaluate a prompt on their own context to check the engine independently.</summary>
    internal SafeModelHandle Handle => _model;

    public int ContextLength { get; }

    public ChatPromptFormatter Formatter { get; }

    public SlotScheduler Scheduler { get; }

    /// <summary>Runs every admitted request of this model, batched into one decode per step.</summary>
    public BatchEngine Engine { get; }

    public static LlamaLocalModel Load(string id, string path, LlamaOptions options, TimeProvider time, Action<float>? progress)
    {
        var model = LoadWeights(path, options, progress);
        try
        {
            var contextLength = options.ContextPerSlot(LlamaApi.TrainedContextLength(model));
            var formatter = ChatPromptFormatter.Create(id, LlamaApi.ChatTemplate(model), options.ChatTemplateFallback,
                TemplateTokens.Of(LlamaApi.Vocab(model)), time);
            var engine = EngineContext.Create(model, options, contextLength, id);
            return new LlamaLocalModel(id, path, model, engine, formatter, options, time);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The weights of <paramref name="path"/>; a file llama.cpp refuses is a <see cref="LocusException"/> saying why.</summary>
    public static SafeModelHandle LoadWeights(string path, LlamaOptions options, Action<float>? progress)
    {
        var parameters = LlamaApi.llama_model_default_params();
        parameters.NGpuLayers = options.GpuLayers;
        var progressHandle = progress is null ? default : GCHandle.Alloc(progress);
        if (progress is not null)
        {
            parameters.ProgressCallback = (IntPtr)(delegate* unmanaged<float, IntPtr, byte>)&OnProgress;
            parameters.ProgressCallbackUserData = GCHandle.ToIntPtr(progressHandle);
        }

        SafeModelHandle? model;
        try
        {
            model = LlamaApi.LoadModel(path, parameters);
        }
        finally
        {
            if (progressHandle.IsAllocated)
            {
                progressHandle.Free();
            }
        }

        if (model is null)
        {
            var reason = LlamaRuntime.LastNativeError is { } error ? $" llama.cpp said: {error}." : "";
            throw new LocusException(new LocusError(LocusErrorKind.Unavailable,
                $"llama.cpp could not load '{path}'.{reason} Check that it is a complete GGUF file of an architecture llama.cpp v0.5.0 supports.",
                Code: "model_load_failed"));
        }

        return model;
    }

    public int[] Tokenize(string text) =>
        LlamaApi.Tokenize(Vocab, Encoding.UTF8.GetBytes(text), addSpecial: true, parseSpecial: true);

    [UnmanagedCallersOnly]
    private static byte OnProgress(float fraction, IntPtr state)
    {
        ((Action<float>)GCHandle.FromIntPtr(state).Target!)(fraction);
        return 1;
    }

    public void Dispose()
    {
        // The engine stops its thread (aborting a decode in flight) and fails what is still running; the context keeps
        // the model's handle alive until it is freed, so the order here cannot free weights under a running decode.
        if (_embedder.IsValueCreated)
        {
            _embedder.Value.Dispose();
        }

        Engine.Dispose();
        Scheduler.Dispose();
        _model.Dispose();
    }
}
