using Locus.Core.Configuration;
using Locus.Routing.Ensembles;

namespace Locus.Routing.Options;

/// <summary>What happens to a request that carries secrets or personal data and would otherwise go to the cloud.</summary>
public enum PrivacyAction
{
    /// <summary>Replace each finding with a placeholder before it leaves the device; restore originals in the answer.</summary>
    Redact,

    /// <summary>Keep the whole request on the device.</summary>
    Local,

    /// <summary>Refuse the request (403).</summary>
    Block,
}

/// <summary>What happens to a cloud-bound request from a client that has spent its budget.</summary>
public enum OverBudgetAction
{
    /// <summary>Serve it locally instead.</summary>
    Local,

    /// <summary>Refuse it (403, code budget_exceeded).</summary>
    Refuse,
}

/// <summary>The routing section: tiers, thresholds and default policies. Per-client policies override the defaults.</summary>
public sealed record RoutingOptions
{
    /// <summary>The model id clients send to let Locus choose (also accepted: any target's name, which pins it).</summary>
    public string AutoModel { get; init; } = "auto";

    /// <summary>Tier 1, the local fast path: a llama target.</summary>
    public string? FastTarget { get; init; }

    /// <summary>Tier 2, a local ensemble; null when none is configured (its band of complexity then goes to tier 1).</summary>
    public EnsembleOptions? Ensemble { get; init; }

    /// <summary>Tier 3, cloud targets in order of preference (a later one is used when an earlier one is down).</summary>
    public IReadOnlyList<string> CloudTargets { get; init; } = [];

    /// <summary>
    /// Peer Locus nodes (targets of kind peer) in order of preference, to delegate to when one is better placed than
    /// this device; empty (the default) turns delegation off. See docs/delegation.md.
    /// </summary>
    public IReadOnlyList<string> Peers { get; init; } = [];

    /// <summary>Which estimator scores complexity, and how its thresholds were chosen.</summary>
    public ComplexityOptions Complexity { get; init; } = new();

    /// <summary>Complexity below this runs on tier 1.</summary>
    public double FastBelow { get; init; } = 0.35;

    /// <summary>Complexity at or above this goes to the cloud (tier 3); between the two: tier 2.</summary>
    public double CloudFrom { get; init; } = 0.65;

    public PrivacyAction Privacy { get; init; } = PrivacyAction.Redact;

    /// <summary>Default latency budget (time to the last token), or null for none.</summary>
    public TimeSpan? LatencyBudget { get; init; }

    public OverBudgetAction OverBudget { get; init; } = OverBudgetAction.Local;

    /// <summary>When the cloud fails before answering, answer locally (marked degraded) rather than fail.</summary>
    public bool FallbackToLocal { get; init; } = true;

    /// <summary>Output length assumed for predictions when a request sets no max_tokens.</summary>
    public int ExpectedOutputTokens { get; init; } = 256;

    /// <summary>The cloud target whose prices "savings" are measured against; default the first cloud target.</summary>
    public string? ReferenceTarget { get; init; }

    /// <summary>Check tier-1 answers by the local model's own confidence and escalate weak ones; null = off.</summary>
    public CascadeOptions? Cascade { get; init; }

    /// <summary>Prefer another target when this device would throttle below a request's needed speed; null = the defaults (source auto, no minimum speed).</summary>
    public ThermalOptions? Thermal { get; init; }
}

/// <summary>Tier 2: k local answers (several models, or several samples of one) that must agree.</summary>
public sealed record EnsembleOptions
{
    /// <summary>Local targets to ask; one target listed with <see cref="Samples"/> &gt; 1 samples it with different seeds.</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>Answers per target.</summary>
    public int Samples { get; init; } = 1;

    /// <summary>The agreement score (0..1: vote share or mean pairwise similarity) the answers need to count as agreeing.</summary>
    public double Agreement { get; init; } = 0.6;

    /// <summary>How agreement is measured: vote for short answers, similarity for long ones, or one of them always.</summary>
    public AgreementMeasure Measure { get; init; } = AgreementMeasure.Auto;
}

/// <summary>A client (identified by its API key) and the policies that apply to it.</summary>
public sealed record ClientPolicy
{
    public required string Name { get; init; }

    /// <summary>Environment variable holding this client's API key (comma-separated for several).</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>Resolved keys, never logged.</summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    public decimal? DailyBudgetUsd { get; init; }

    public decimal? MonthlyBudgetUsd { get; init; }

    public OverBudgetAction? OverBudget { get; init; }

    public PrivacyAction? Privacy { get; init; }

    public TimeSpan? LatencyBudget { get; init; }

    /// <summary>False: this client's requests never leave the device.</summary>
    public bool AllowCloud { get; init; } = true;

    /// <summary>Overrides <c>memory.inject</c> for this client; null: the section's.</summary>
    public MemoryInjectMode? Memory { get; init; }
}

/// <summary>
/// Everything the router needs, as read from the config file's routing sections (<c>targets</c>, <c>routing</c>,
/// <c>clients</c>, <c>memory</c>). They are bound together because tiers default from and are checked against targets.
/// </summary>
public sealed record RouterConfig
{
    /// <summary>The routing sections' binder and validator.</summary>
    public static IConfigSection<RouterConfig> Section { get; } = new RouterConfigBinder();

    public IReadOnlyList<TargetOptions> Targets { get; init; } = [];

    public RoutingOptions Routing { get; init; } = new();

    public IReadOnlyList<ClientPolicy> Clients { get; init; } = [];

    /// <summary>Which memory documents are injected as context (default: none).</summary>
    public MemoryOptions Memory { get; init; } = new();

    public TargetOptions? FindTarget(string name) => Targets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
