using Locus.Core.Abstractions;
using Locus.Ledger;
using Locus.Privacy;
using Locus.Routing.Signals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Locus.Routing.Runtime;

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
