using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests.Infrastructure;

/// <summary>
/// A catalog whose models exist but must never be reached: every request sent to it is malformed, so the server
/// has to refuse it during validation. Reaching the model counts, then throws (which the server turns into a 500).
/// </summary>
internal sealed class TripwireCatalog : IModelCatalog
{
    public const string ModelId = "test-model";

    private int _reached;

    public int Reached => Volatile.Read(ref _reached);

    public IReadOnlyList<ModelInfo> Models { get; } = [new(ModelId, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), 256)];

    public IChatClient? Find(string modelId) => modelId == ModelId ? new Tripwire(this) : null;

    public void Dispose()
    {
    }

    private sealed class Tripwire(TripwireCatalog owner) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw Trip();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw Trip();

        public object? GetService(Type serviceType, object? serviceKey = null) => throw Trip();

        public void Dispose()
        {
        }

        private InvalidOperationException Trip()
        {
            Interlocked.Increment(ref owner._reached);
            return new InvalidOperationException("Validation let a malformed request through to the model.");
        }
    }
}
