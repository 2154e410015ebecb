using System.Globalization;
using Locus.Hardware.Planning;

namespace Locus.Hardware.Placement;

/// <summary>
/// Cloud, local or edge, by a fixed decision sequence (docs/planner.md, "Placement and economics"): must the data stay
/// on the device, is the latency budget under 100 ms, is frontier capability needed, what does the call volume cost
/// each way, must it work offline. Hard constraints (privacy, latency, offline) rule the cloud out; frontier need rules
/// it in where allowed; otherwise the cheaper side that can carry the volume wins.
/// </summary>
public static class PlacementAdvisor
{
    /// <summary>Latency budgets below this rule out the cloud (the issue's threshold).</summary>
    public const double CloudLatencyFloorMs = 100;

    public static PlacementAdvice Decide(PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var q = request.Questions;
        var plan = Planner.Run(request.Local);
        // Power while generating comes from the thermal power model unless the caller gave the watts.
        double? decodeWatts = !request.Costs.Watts.FromCaller && plan.DecodeTokensPerSecond > 0
            ? Energy.DecodeWatts(request.Local, plan.DecodeTokensPerSecond)
            : null;
        var economics = Economics.Compute(request.Costs, plan.PrefillTokensPerSecond, plan.DecodeTokensPerSecond, decodeWatts);
        var localWorks = plan.Memory.FitsWithHostMemory && plan.DecodeTokensPerSecond > 0 && economics.LocalCapacityEnough;
        var tightLatency = q.LatencyBudgetMs is { } budget && budget < CloudLatencyFloorMs;
        var ownedOnly = q.Private || tightLatency || q.Offline;
        var owned = localWorks ? Site.Local : Site.Edge;

        var steps = new List<PlacementStep>
        {
            PlacementSteps.Privacy(q.Private, owned),
            PlacementSteps.Latency(q.LatencyBudgetMs, plan, owned),
            PlacementSteps.Frontier(q.Frontier, ownedOnly),
            PlacementSteps.Volume(request.Costs, economics, plan),
            PlacementSteps.Offline(q.Offline),
        };

        string? lost = q.Frontier && ownedOnly
            ? "frontier capability: an open model that runs on your own hardware is weaker on hard reasoning, long code and broad knowledge; expect more wrong answers on the hardest requests"
            : null;
        var site = q.Offline ? Site.Local
            : ownedOnly ? owned
            : q.Frontier ? Site.Cloud
            : localWorks && economics.LocalCheaper ? Site.Local
            : Site.Cloud;
        // Offline leaves no alternative to this device, and a tight budget no alternative to owned hardware: the answer
        // stands but says when the plan cannot carry the load or meet the budget here.
        var latencyMet = q.LatencyBudgetMs is not { } b || site != Site.Local || plan.TimeToFirstTokenSeconds * 1000 <= b;
        var feasible = (site != Site.Local || localWorks) && latencyMet;
        return new PlacementAdvice(site, feasible, steps, lost, plan, economics);
    }

    internal static string Number(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
