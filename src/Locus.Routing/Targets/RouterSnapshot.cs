using System.Collections.Frozen;
using Locus.Routing.Learning;
using Locus.Routing.Options;
using Locus.Routing.Signals;

namespace Locus.Routing.Targets;

/// <summary>
/// One consistent view of the configuration and its live targets. A config reload builds a new snapshot and swaps it
/// in atomically; a request keeps the snapshot it started with.
/// </summary>
public sealed class RouterSnapshot
{
    public RouterSnapshot(RouterConfig config, IEnumerable<RouteTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        Targets = targets.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        Clients = config.Clients.ToFrozenDictionary(c => c.Name, StringComparer.Ordinal);
        Complexity = Routing.Complexity.Estimator == ComplexityEstimatorKind.Learned
            ? new LearnedComplexityEstimator(RouterModels.Get(Routing.Complexity.ModelPath))
            : null;
        Reference = Routing.ReferenceTarget is { } r ? Find(r) : Routing.CloudTargets.Select(Find).FirstOrDefault(t => t is not null);
    }

    public RouterConfig Config { get; }

    /// <summary>The estimator the config asks for; null: the router's default (<see cref="RouterServices.Complexity"/>).</summary>
    public IComplexityEstimator? Complexity { get; }

    public RoutingOptions Routing => Config.Routing;

    public FrozenDictionary<string, RouteTarget> Targets { get; }

    public FrozenDictionary<string, ClientPolicy> Clients { get; }

    /// <summary>The cloud target savings are measured against (null when there is no cloud target).</summary>
    public RouteTarget? Reference { get; }

    public RouteTarget? Find(string name) => Targets.GetValueOrDefault(name);

    /// <summary>Whether <paramref name="name"/> is a peer node's target (another of this person's Locus nodes).</summary>
    public bool IsPeer(string name) => Find(name)?.Options.Kind == TargetKind.Peer;

    public ClientPolicy ClientOrDefault(string name) =>
        Clients.GetValueOrDefault(name) ?? new ClientPolicy { Name = name };

    public RouteTarget? Fast => Routing.FastTarget is { } f ? Find(f) : null;
}
