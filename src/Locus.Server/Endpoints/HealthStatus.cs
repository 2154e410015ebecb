using Locus.Core.Abstractions;

namespace Locus.Server.Endpoints;

/// <summary>The body of <c>GET /health</c>: Locus's own, not an OpenAI object.</summary>
/// <param name="Engines">Per local model: its slots, queue, KV cache and prompt cache, and its measured batched speed.</param>
internal sealed record HealthStatus(string Status, IReadOnlyList<string> Models, IReadOnlyList<EngineHealth>? Engines = null);

/// <summary>One local model's engine as <c>/health</c> shows it.</summary>
internal sealed record EngineHealth(
    string Model,
    int Slots,
    int SlotsBusy,
    int Queued,
    int KvCellsUsed,
    int KvCellsTotal,
    long PromptTokens,
    long CachedPromptTokens,
    double PrefixCacheHitRate,
    long GeneratedTokens,
    double DecodeTokensPerSecond,
    double StreamTokensPerSecond,
    double PromptTokensPerSecond,
    int PeakStreams)
{
    public static EngineHealth From(string model, ILoadInfo load, EngineSnapshot e) => new(model, e.Slots, e.SlotsBusy, load.Queued,
        e.KvCellsUsed, e.KvCellsTotal, e.PromptTokens, e.CachedPromptTokens, Math.Round(e.PrefixCacheHitRate, 4), e.GeneratedTokens,
        Math.Round(e.DecodeTokensPerSecond, 2), Math.Round(e.StreamTokensPerSecond, 2), Math.Round(e.PromptTokensPerSecond, 2), e.PeakStreams);
}
