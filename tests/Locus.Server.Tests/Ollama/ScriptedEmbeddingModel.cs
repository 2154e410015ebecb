using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests.Ollama;

/// <summary>
/// A model whose client offers an embedding generator through GetService, as a local backend does: each text becomes
/// a deterministic vector of <see cref="Dimensions"/> values computed from its characters (no model: the server's
/// translation is what these tests check; the real generator is Locus.Llama's).
/// </summary>
internal sealed class ScriptedEmbeddingModel : IModelCatalog, IChatClient, IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "embedder";

    public const int Dimensions = 8;

    public EmbeddingGenerationOptions? LastOptions { get; private set; }

    public IReadOnlyList<ModelInfo> Models { get; } = [new(ModelId, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), 512)];

    public IChatClient? Find(string modelId) => modelId == ModelId ? this : null;

    /// <summary>The vector the generator makes for <paramref name="text"/>.</summary>
    public static float[] VectorOf(string text) =>
        [.. Enumerable.Range(0, Dimensions).Select(i => (float)text.Where((_, k) => k % Dimensions == i).Sum(c => c % 17) / 17f)];

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        LastOptions = options;
        var texts = values.ToList();
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(VectorOf(t))))
        {
            Usage = new UsageDetails { InputTokenCount = texts.Sum(t => t.Length) },
        };
        return Task.FromResult(embeddings);
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("an embedding model does not chat");

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("an embedding model does not chat");

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
