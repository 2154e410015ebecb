using Locus.Routing.Ensembles;

namespace Locus.RouterLab.Ensembles;

/// <summary>One strategy on one data set: mean quality (0..1), mean API cost per prompt (USD) and the share sent to the frontier model.</summary>
/// <param name="Strategy">"single", "frontier", "ensemble" or "cascade".</param>
/// <param name="Members">A model name or a member set's name.</param>
/// <param name="Measure">Ensembles and cascades: the agreement measure asked for.</param>
/// <param name="Threshold">Cascades: escalate when agreement is below this.</param>
/// <param name="Voted">Ensembles and cascades: share of prompts measured by vote (the rest by similarity).</param>
public sealed record StrategyResult(
    string Strategy, string Members, AgreementMeasure? Measure, double? Threshold, double Quality, double Cost, double Escalated, double? Voted = null);

/// <summary>The cheapest cascade (or plain ensemble) of one member set and measure that matches the frontier's quality; null if none does.</summary>
public sealed record ParityResult(string Members, AgreementMeasure Measure, StrategyResult? Cheapest);

/// <summary>Everything measured on one data set.</summary>
public sealed record EnsembleReport(
    string Data, int Count, StrategyResult Frontier, IReadOnlyList<StrategyResult> Strategies, IReadOnlyList<StrategyResult> Cascades, IReadOnlyList<ParityResult> Parity);
