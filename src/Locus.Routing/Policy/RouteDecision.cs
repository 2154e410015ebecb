using Locus.Core.Errors;
using Locus.Routing.Requests;

namespace Locus.Routing.Policy;

/// <summary>One signal's part in a decision, e.g. ("complexity", "score 0.72: code, 3 files → tier 3").</summary>
public sealed record RouteReason(string Signal, string Detail)
{
    public override string ToString() => $"{Signal}: {Detail}";
}

/// <summary>Where a request runs and why; or why it cannot run.</summary>
public sealed record RouteDecision
{
    /// <summary>
    /// The tier chosen (<see cref="RouteTier.None"/> when refused). A peer reports the tier it stands in for:
    /// <see cref="RouteTier.Ensemble"/> in place of a local ensemble, else <see cref="RouteTier.Cloud"/>.
    /// </summary>
    public required RouteTier Tier { get; init; }

    /// <summary>The target name (for tier 2, the ensemble's members joined by '+'); empty when refused.</summary>
    public required string Target { get; init; }

    /// <summary>Every signal that decided, in the order they were weighed.</summary>
    public required IReadOnlyList<RouteReason> Reasons { get; init; }

    /// <summary>Set when the request cannot be served; the router raises it as the error.</summary>
    public LocusError? Refusal { get; init; }

    /// <summary>The cloud was wanted but is unavailable, so the answer comes from a lesser tier.</summary>
    public bool Degraded { get; init; }

    /// <summary>Secrets and personal data are replaced by placeholders before the request leaves the device.</summary>
    public bool Redact { get; init; }

    /// <summary>Names of what the detectors found (kinds), empty when nothing.</summary>
    public IReadOnlyList<string> Findings { get; init; } = [];

    /// <summary>Where to go next, in order, if the chosen target fails before answering.</summary>
    public IReadOnlyList<RouteStep> Fallbacks { get; init; } = [];

    public double Complexity { get; init; }

    public int EstimatedPromptTokens { get; init; }

    public decimal EstimatedCostUsd { get; init; }

    public TimeSpan? PredictedLatency { get; init; }

    /// <summary>
    /// The privacy marking sent with the request when a peer serves it (<c>x-locus-privacy</c>), so the peer honours
    /// this node's constraints: local-only when the data may not leave the person's devices.
    /// </summary>
    public PrivacyMarking PeerPrivacy { get; init; }
}

/// <summary>A fallback: tier and target, and the reason it would be used.</summary>
public sealed record RouteStep(RouteTier Tier, string Target, string Why);
