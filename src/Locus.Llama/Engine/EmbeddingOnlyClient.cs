using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Core.Errors;
using Locus.Llama.Engine;
using Locus.Llama.Native;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Engine;

/// <summary>
/// A model loaded only for embeddings (<c>llama.embedding_model</c>): no chat engine, no slots, just its embedding
/// context. It sits in the catalog so that <c>/v1/models</c> lists it and <c>model</c> finds it; chat is refused with a
/// clear 400.
/// </summary>
internal sealed class EmbeddingOnlyClient : IChatClient
{
    private readonly SafeModelHandle _model;

    private EmbeddingOnlyClient(SafeModelHandle model, LlamaEmbeddingGenerator generator)
    {
        _model = model;
        Generator = generator;
    }

    public LlamaEmbeddingGenerator Generator { get; }

    public string Id => Generator.Id;

    public int ContextLength => Generator.ContextLength;

    public static EmbeddingOnlyClient Load(string id, string path, LlamaOptions options, TimeProvider time, Action<float>? progress)
    {
        var model = LlamaLocalModel.LoadWeights(path, options, progress);
        try
        {
            var generator = new LlamaEmbeddingGenerator(id, model, options.ContextPerSlot(LlamaApi.TrainedContextLength(model)), options, time);
            return new EmbeddingOnlyClient(model, generator);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw NotChat();

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        throw NotChat();

    private LocusException NotChat() => new(LocusError.Invalid(
        $"The model '{Id}' is loaded for embeddings only (llama.embedding_model): use POST /v1/embeddings, or pick a chat model from GET /v1/models.",
        "model", "model_embeddings_only"));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(IEmbeddingGenerator<string, Embedding<float>>) || serviceType == typeof(ITokenEmbeddingGenerator) ? Generator
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <summary>Frees the context, then the weights (the catalog owns this client).</summary>
    public void Release()
    {
        Generator.Dispose();
        _model.Dispose();
    }

    public void Dispose()
    {
        // The catalog owns the model; a client is a view onto it.
    }
}
