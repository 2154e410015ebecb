using System.Globalization;
using Locus.Core.Abstractions;

namespace Locus.Routing.Policy;

/// <summary>
/// Finds the peer a request could be delegated to: the first in <c>routing.peers</c> that is healthy (its circuit
/// closed), big enough, able to call tools and write JSON output when the request needs them, and — when the mesh reports on it — recently
/// heard from, cool and not busy. Adds no reason by itself: the tier choice says why when it actually delegates.
/// A request that was itself delegated here never goes to a peer (no loops).
/// </summary>
internal static class PeerSignal
{
    /// <summary>Below this thermal headroom a peer would throttle soon; it is not better placed.</summary>
    public const double MinHeadroom = 0.15;

    /// <summary>Above this load a peer's request would queue behind others.</summary>
    public const double MaxLoad = 0.9;

    /// <summary>A report older than this says nothing about the peer now (the mesh replicates every few seconds).</summary>
    public static readonly TimeSpan MaxReportAge = TimeSpan.FromMinutes(2);

    public static void Assess(DecisionState state, IPeerOutlook? outlook, DateTimeOffset now)
    {
        var snapshot = state.Snapshot;
        if (snapshot.Routing.Peers.Count == 0 || state.Context.Delegated)
        {
            return;
        }

        var problems = new List<string>();
        foreach (var name in snapshot.Routing.Peers)
        {
            if (snapshot.Find(name) is not { } target)
            {
                continue;
            }

            var health = target.HealthNow;
            var report = outlook?.Report(name);
            var problem = !health.Available ? $"{name} unavailable ({health.Reason})"
                : !state.Fits(target) ? $"{name}'s {target.ContextLength:N0}-token context is too small"
                : state.Lacks(target) is { } lacks ? lacks
                : report is null ? null
                : now - report.SeenAt > MaxReportAge ? Invariant($"{name} last reported {(now - report.SeenAt).TotalSeconds:0} s ago")
                : report.ThermalHeadroom < MinHeadroom ? Invariant($"{name} reports {report.ThermalHeadroom:0%} thermal headroom (hot)")
                : report.Load > MaxLoad ? Invariant($"{name} reports {report.Load:0%} load (busy)")
                : null;
            if (problem is not null)
            {
                problems.Add(problem);
                continue;
            }

            state.Peer = target;
            state.PeerNote = report is null ? "" : Invariant($" ({report.ThermalHeadroom:0%} thermal headroom, {report.Load:0%} load)");
            break;
        }

        state.PeerProblem = problems.Count > 0 ? string.Join("; ", problems) : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
