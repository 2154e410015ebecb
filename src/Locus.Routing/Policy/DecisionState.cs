using Locus.Core.Errors;
using Locus.Routing.Options;
using Locus.Routing.Requests;
using Locus.Routing.Runtime;
using Locus.Routing.Signals;
using Locus.Routing.Targets;

namespace Locus.Routing.Policy;

/// <summary>What the signals have established so far about one request; the policy reads it to pick a tier.</summary>
internal sealed class DecisionState(RouterSnapshot snapshot, RoutingInput input, RequestContext context, ClientPolicy client)
{
    public RouterSnapshot Snapshot => snapshot;

    public RoutingInput Input => input;

    public RequestContext Context => context;

    public ClientPolicy Client => client;

    public List<RouteReason> Reasons { get; } = new(8);

    /// <summary>Why remote targets may not be used, or null while they may.</summary>
    public string? CloudForbidden { get; set; }

    /// <summary>The error to give when the request must leave the device but may not.</summary>
    public LocusError? CloudRefusal { get; set; }

    /// <summary>Over budget with policy "refuse": the error for a request that wants a paid target (null otherwise).</summary>
    public LocusError? BudgetRefusal { get; set; }

    /// <summary>Sensitive data found, policy "block": refuse if the route leaves the device.</summary>
    public bool BlockIfRemote { get; set; }

    public bool Redact { get; set; }

    public IReadOnlyList<string> Findings { get; set; } = [];

    public double Complexity { get; set; }

    /// <summary>The fraction of its measured speed the local device is forecast to hold over this answer (thermal).</summary>
    public double LocalSpeedFactor { get; set; } = 1;

    /// <summary>Why the local answer would be too slow once the device throttles, or null.</summary>
    public string? ThermallyTooSlow { get; set; }

    public RouteTier DesiredTier { get; set; } = RouteTier.Local;

    /// <summary>The first usable peer in <c>routing.peers</c> order; null when none is (or delegation is off).</summary>
    public RouteTarget? Peer { get; set; }

    /// <summary>Why configured peers were passed over (unreachable, too small, hot, busy, silent), or null.</summary>
    public string? PeerProblem { get; set; }

    /// <summary>What the chosen peer last reported (headroom, load), for the reason line; empty without a report.</summary>
    public string PeerNote { get; set; } = "";

    public bool NeedsTools => input.HasTools || input.HasToolHistory;

    /// <summary>The request asks for JSON output (a response format, with or without a schema).</summary>
    public bool NeedsJsonSchema => input.NeedsJsonSchema;

    /// <summary>
    /// The capability the request needs that <paramref name="target"/> lacks, worded for a reason line
    /// ("fast-local cannot call tools", "cloud-x cannot produce JSON schema output"), or null when it has them all.
    /// </summary>
    public string? Lacks(RouteTarget target) =>
        NeedsTools && !target.Options.SupportsTools ? $"{target.Name} cannot call tools"
        : NeedsJsonSchema && !target.Options.SupportsJsonSchema ? $"{target.Name} cannot produce JSON schema output"
        : null;

    /// <summary>The config key of the capability <see cref="Lacks"/> found missing ("tools" or "json_schema").</summary>
    public string LackingSignal(RouteTarget target) => NeedsTools && !target.Options.SupportsTools ? "tools" : "json_schema";

    /// <summary>Prompt plus the output the request allows for.</summary>
    public int NeededContext => input.EstimatedPromptTokens + (input.MaxOutputTokens ?? Math.Min(snapshot.Routing.ExpectedOutputTokens, 64));

    public int ExpectedOutputTokens => input.MaxOutputTokens ?? snapshot.Routing.ExpectedOutputTokens;

    public void Add(string signal, string detail) => Reasons.Add(new RouteReason(signal, detail));
}
