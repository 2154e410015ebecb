using Locus.Core.Abstractions;
using Locus.Routing.Memory;
using Locus.Routing.Pipeline;
using Locus.Routing.Policy;
using Locus.Routing.Requests;
using Locus.Routing.Signals;
using Locus.Routing.Targets;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary>
/// The router: decides (<see cref="Explain"/>) and serves (<see cref="Route"/> for a request with its context,
/// <see cref="Client"/> for plain callers). Holds the current <see cref="RouterSnapshot"/> with every target's
/// pipeline composed for it, swapped atomically by <see cref="Reload"/>.
/// </summary>
public sealed class LocusRouter
{
    private volatile RouterState _state;

    public LocusRouter(RouterSnapshot snapshot, RouterServices services)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
        _state = Compose(snapshot);
        Policy = new RoutingPolicy(services.Complexity, new PrivacySignal(services.Scanner), services.Spend, services.Time, services.Thermal, services.Peers);
        Client = new RoutingChatClient(this);
        Catalog = new RouterCatalog(this);
    }

    public RouterSnapshot Snapshot => _state.Snapshot;

    public RouterServices Services { get; }

    public RoutingPolicy Policy { get; }

    /// <summary>Routes every request it gets as the default client; the model id (auto or a target name) steers it.</summary>
    public IChatClient Client { get; }

    /// <summary>The models clients see: the auto model plus every target by name, all served through <see cref="Client"/>.</summary>
    public IModelCatalog Catalog { get; }

    internal RouterState State => _state;

    /// <summary>A request to route for <paramref name="context"/>: an <see cref="IChatClient"/> for it, and its result.</summary>
    public RouteCall Route(RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RouteCall(this, context);
    }

    /// <summary>The decision for a request, without running it.</summary>
    public RouteDecision Explain(IEnumerable<ChatMessage> messages, ChatOptions? options, RequestContext context)
    {
        var snapshot = _state.Snapshot;
        return Policy.Decide(snapshot, Input(snapshot, messages, options, context), context);
    }

    /// <summary>The request's routing facts, with the memory it carries selected once (each step takes its part).</summary>
    internal RoutingInput Input(RouterSnapshot snapshot, IEnumerable<ChatMessage> messages, ChatOptions? options, RequestContext context)
    {
        // A raw prompt is completed as sent: there is no place in it for memory documents.
        var memory = RoutingInput.IsRaw(options)
            ? MemorySelection.Empty
            : MemorySelector.Select(snapshot.Config.Memory, snapshot.ClientOrDefault(context.Client), context, Services.Memory);
        return RoutingInput.From(messages, options, memory);
    }

    /// <summary>Replaces the configuration; requests already running finish on the snapshot they started with.</summary>
    public void Reload(RouterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _state = Compose(snapshot);
    }

    private RouterState Compose(RouterSnapshot snapshot) =>
        new(snapshot, new TargetPipelines(snapshot, Services.Scanner, Services.Time, Services.Logger));
}

/// <summary>A snapshot and the pipelines composed for its targets: swapped together, so a request sees one consistent pair.</summary>
internal sealed record RouterState(RouterSnapshot Snapshot, TargetPipelines Pipelines);
