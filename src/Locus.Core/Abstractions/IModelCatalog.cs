using Microsoft.Extensions.AI;

namespace Locus.Core.Abstractions;

/// <summary>The models this node serves, by id. The server's <c>/v1/models</c> lists them.</summary>
public interface IModelCatalog : IDisposable
{
    IReadOnlyList<ModelInfo> Models { get; }

    /// <summary>The client for <paramref name="modelId"/>, or null when no such model is served.</summary>
    IChatClient? Find(string modelId);

    /// <summary>
    /// How busy the backend serving <paramref name="modelId"/> is, when it reports it (local engines do). Asking must
    /// not touch the model itself: <c>/health</c> answers from it.
    /// </summary>
    ILoadInfo? LoadOf(string modelId) => null;
}

/// <param name="Id">The id clients send as <c>model</c> (the GGUF file name without extension, or a configured alias).</param>
/// <param name="Created">When the model was loaded.</param>
/// <param name="ContextLength">Tokens of context per request (prompt + output).</param>
/// <param name="OwnedBy">Shown in <c>/v1/models</c>.</param>
public sealed record ModelInfo(string Id, DateTimeOffset Created, int ContextLength, string OwnedBy = "locus");
