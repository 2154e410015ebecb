using Locus.Core.Abstractions;
using Locus.Ledger;
using Locus.Privacy;
using Locus.Routing.Memory;
using Locus.Routing.Policy;
using Locus.Routing.Signals;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Locus.Routing.Runtime;

/// <summary>
/// The router: decides (<see cref="Explain"/>) and serves (<see cref="Client"/>, an <see cref="IChatClient"/> in front
/// of every target). Holds the current <see cref="RouterSnapshot"/>, swapped atomically by <see cref="Reload"/>.
/// </summary>
public sealed class LocusRouter
{
    private volatile RouterSnapshot _snapshot;

    public LocusRouter(RouterSnapshot snapshot, RouterServices services)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(services);
        _snapshot = snapshot;
        Services = services;
        Policy = new RoutingPolicy(services.Complexity, new PrivacySignal(services.Scanner), services.Spend, services.Time, services.Thermal, services.Peers);
        Client = new RoutingChatClient(this);
        Catalog = new RouterCatalog(this);
    }

    public RouterSnapshot Snapshot => _snapshot;

    public RouterServices Services { get; }

    public RoutingPolicy Policy { get; }

    /// <summary>Routes every request it gets; the model id (auto or a target name) and a <see cref="RouteTicket"/> steer it.</summary>
    public IChatClient Client { get; }

    /// <summary>The models clients see: the auto model plus every target by name, all served through <see cref="Client"/>.</summary>
    public IModelCatalog Catalog { get; }

    /// <summary>The decision for a request, without running it.</summary>
    public RouteDecision Explain(IEnumerable<ChatMessage> messages, ChatOptions? options, RequestContext context)
    {
        var snapshot = _snapshot;
        return Policy.Decide(snapshot, Input(snapshot, messages, options, context), context);
    }

    /// <summary>The request's routing facts, with the memory it carries selected once (each step takes its part).</summary>
    internal RoutingInput Input(RouterSnapshot snapshot, IEnumerable<ChatMessage> messages, ChatOptions? options, RequestContext context)
    {
        var memory = MemorySelector.Select(snapshot.Config.Memory, snapshot.ClientOrDefault(context.Client), context, Services.Memory);
        return RoutingInput.From(messages, options, memory);
    }

    /// <summary>Replaces the configuration; requests already running finish on the snapshot they started with.</summary>
    public void Reload(RouterSnapshot snapshot) => _snapshot = snapshot ?? throw new ArgumentNullException(nameof(snapshot));
}

/// <summary>What the router uses besides its configuration.</summary>
public sealed record RouterServices
{
    public required ISensitivityScanner Scanner { get; init; }

    public IComplexityEstimator Complexity { get; init; } = new HeuristicComplexityEstimator();

    /// <summary>Null: no ledger (usage is not recorded; budgets count in memory).</summary>
    public IUsageLedger? Ledger { get; init; }

    public ISpendSource Spend { get; init; } = new MemorySpend();

    /// <summary>Keep prompt text in ledger rows.</summary>
    public bool StorePrompts { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>This device's thermal headroom; null: no thermal signal.</summary>
    public IThermalOutlook? Thermal { get; init; }

    /// <summary>Memory documents that <c>memory:</c> may inject as context; null: no memory.</summary>
    public IMemorySource? Memory { get; init; }

    /// <summary>What the mesh last heard from each peer (headroom, load); null: peers are judged by their health alone.</summary>
    public IPeerOutlook? Peers { get; init; }

    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>The ledger's spend as the budget source.</summary>
    public static ISpendSource SpendFrom(IUsageLedger ledger) => new LedgerSpend(ledger);

    private sealed class LedgerSpend(IUsageLedger ledger) : ISpendSource
    {
        public decimal SpentSince(string client, DateTimeOffset since) => ledger.SpentSince(client, since);

        // The ledger counts a cost once its row is appended.
        public void Add(string client, DateTimeOffset time, decimal costUsd)
        {
        }
    }
}
