namespace Locus.Core.Abstractions;

/// <summary>
/// A local engine's state at one moment: its slots, its KV cache, its prompt cache and the speed it measured on its
/// own batched steps. Shown by <c>/health</c> and <c>locus models</c>; read by the router's latency signal.
/// </summary>
/// <param name="Slots">Sequences that can generate at once.</param>
/// <param name="SlotsBusy">Sequences generating now.</param>
/// <param name="KvCellsUsed">KV cells holding tokens (of running requests and of cached prefixes kept for reuse).</param>
/// <param name="KvCellsTotal">KV cells of the whole context (every slot's share).</param>
/// <param name="PromptTokens">Prompt tokens of every request admitted so far.</param>
/// <param name="CachedPromptTokens">Of those, the tokens found in the cache and not evaluated again.</param>
/// <param name="GeneratedTokens">Tokens decoded for generation so far.</param>
/// <param name="DecodeTokensPerSecond">Tokens per second of recent decode steps, all streams together.</param>
/// <param name="StreamTokensPerSecond">Tokens per second each running stream saw in recent decode steps.</param>
/// <param name="PromptTokensPerSecond">Tokens per second of recent steps that evaluated prompt tokens.</param>
/// <param name="PeakStreams">The most streams one step has advanced together.</param>
public sealed record EngineSnapshot(
    int Slots,
    int SlotsBusy,
    int KvCellsUsed,
    int KvCellsTotal,
    long PromptTokens,
    long CachedPromptTokens,
    long GeneratedTokens,
    double DecodeTokensPerSecond,
    double StreamTokensPerSecond,
    double PromptTokensPerSecond,
    int PeakStreams)
{
    /// <summary>The share of prompt tokens served from the cache.</summary>
    public double PrefixCacheHitRate => PromptTokens == 0 ? 0 : CachedPromptTokens / (double)PromptTokens;
}
