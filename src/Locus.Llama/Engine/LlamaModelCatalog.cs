using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Llama.Engine;

/// <summary>The models loaded in this process, by id. Disposing it frees every model (after running requests end).</summary>
internal sealed class LlamaModelCatalog(IReadOnlyList<LlamaChatClient> clients, DateTimeOffset loadedAt) : IModelCatalog
{
    private readonly Dictionary<string, LlamaChatClient> _byId = clients.ToDictionary(c => c.Model.Id, StringComparer.Ordinal);

    public IReadOnlyList<ModelInfo> Models { get; } =
        clients.Select(c => new ModelInfo(c.Model.Id, loadedAt, c.Model.ContextLength)).ToArray();

    public IChatClient? Find(string modelId) => _byId.GetValueOrDefault(modelId);

    public ILoadInfo? LoadOf(string modelId) => _byId.GetValueOrDefault(modelId);

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Model.Dispose();
        }
    }
}
