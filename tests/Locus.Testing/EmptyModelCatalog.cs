using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Testing;

/// <summary>A catalog serving no models: for servers under test whose endpoints need none (planner, thermal, the web page).</summary>
public sealed class EmptyModelCatalog : IModelCatalog
{
    public IReadOnlyList<ModelInfo> Models { get; } = [];

    public IChatClient? Find(string modelId) => null;

    public void Dispose()
    {
    }
}
