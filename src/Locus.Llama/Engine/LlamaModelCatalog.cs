using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Engine;

/// <summary>
/// The models loaded in this process, by id: the chat models, and the embedding-only model when one is configured.
/// Disposing it frees every model (after running requests end).
/// </summary>
internal sealed class LlamaModelCatalog(IReadOnlyList<LlamaChatClient> clients, EmbeddingOnlyClient? embedder, DateTimeOffset loadedAt)
    : IModelCatalog
{
    private readonly Dictionary<string, IChatClient> _byId = Index(clients, embedder);

    public IReadOnlyList<ModelInfo> Models { get; } =
    [
        .. clients.Select(c => new ModelInfo(c.Model.Id, loadedAt, c.Model.ContextLength)),
        .. embedder is null ? [] : new[] { new ModelInfo(embedder.Id, loadedAt, embedder.ContextLength) },
    ];

    public IChatClient? Find(string modelId) => _byId.GetValueOrDefault(modelId);

    public ILoadInfo? LoadOf(string modelId) => _byId.GetValueOrDefault(modelId) as ILoadInfo;

    private static Dictionary<string, IChatClient> Index(IReadOnlyList<LlamaChatClient> clients, EmbeddingOnlyClient? embedder)
    {
        var byId = clients.ToDictionary(c => c.Model.Id, c => (IChatClient)c, StringComparer.Ordinal);
        if (embedder is not null)
        {
            byId[embedder.Id] = embedder;
        }

        return byId;
    }

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Model.Dispose();
        }

        embedder?.Release();
    }
}
