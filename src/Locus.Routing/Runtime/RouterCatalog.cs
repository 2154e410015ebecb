using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary><c>/v1/models</c> under routing: "auto" and every target, each answered by the routing client.</summary>
internal sealed class RouterCatalog(LocusRouter router) : IModelCatalog
{
    private readonly DateTimeOffset _created = router.Services.Time.GetUtcNow();

    public IReadOnlyList<ModelInfo> Models
    {
        get
        {
            var snapshot = router.Snapshot;
            var largest = snapshot.Targets.Values.Select(t => t.ContextLength).DefaultIfEmpty(0).Max();
            return
            [
                new ModelInfo(snapshot.Routing.AutoModel, _created, largest, "locus-router"),
                .. snapshot.Targets.Values.OrderBy(t => t.Name, StringComparer.Ordinal)
                    .Select(t => new ModelInfo(t.Name, _created, t.ContextLength, t.OnDevice ? "locus" : t.Options.Kind.ToString().ToLowerInvariant())),
            ];
        }
    }

    public IChatClient? Find(string modelId)
    {
        var snapshot = router.Snapshot;
        return string.Equals(modelId, snapshot.Routing.AutoModel, StringComparison.Ordinal) || snapshot.Find(modelId) is not null
            ? router.Client
            : null;
    }

    /// <summary>The target's own backend: the routing client in front of it reports no load of its own.</summary>
    public ILoadInfo? LoadOf(string modelId) => router.Snapshot.Find(modelId)?.Load;

    // The targets' backends belong to whoever built the snapshot.
    public void Dispose()
    {
    }
}
