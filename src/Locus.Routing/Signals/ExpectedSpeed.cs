using Locus.Core.Abstractions;

namespace Locus.Routing.Signals;

/// <summary>The generation speed a new request can expect from a target.</summary>
public static class ExpectedSpeed
{
    /// <summary>
    /// A request that joins a running batch gets what each stream of that batch gets, which a local engine measures on
    /// its own decode steps; alone, it gets the target's measured single-request speed.
    /// </summary>
    public static double TokensPerSecond(TargetStats stats, ILoadInfo? load)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return load is { Running: > 0, Engine.StreamTokensPerSecond: > 0 } ? load.Engine.StreamTokensPerSecond : stats.TokensPerSecond;
    }
}
