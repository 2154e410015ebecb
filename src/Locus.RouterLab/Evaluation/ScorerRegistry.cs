using System.Collections.Concurrent;

namespace Locus.RouterLab.Evaluation;

/// <summary>
/// Routers by name for `locus router eval --router NAME`. Built in: `heuristic` (the rule-based complexity estimator) and
/// `random` (a fixed pseudo-random score per prompt). Other routers (the learned one) register themselves at start-up.
/// </summary>
public static class ScorerRegistry
{
    private static readonly ConcurrentDictionary<string, Func<IPromptScorer>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        [HeuristicScorer.ScorerName] = () => new HeuristicScorer(),
        [HashRandomScorer.ScorerName] = () => new HashRandomScorer(),
    };

    public static IReadOnlyList<string> Names => [.. Factories.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Adds or replaces the router called <paramref name="name"/> (case-insensitive).</summary>
    public static void Register(string name, Func<IPromptScorer> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        Factories[name] = factory;
    }

    /// <summary>A new scorer for <paramref name="name"/>, or null when no router has that name.</summary>
    public static IPromptScorer? Find(string name) =>
        Factories.TryGetValue(name, out var factory) ? factory() : null;
}
