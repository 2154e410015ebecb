using Locus.Routing.Requests;
using Locus.Routing.Runtime;
using Locus.Routing.Targets;

namespace Locus.Routing.Policy;

/// <summary>
/// Delegation in the tier choice: hands a request to the peer <see cref="PeerSignal"/> found, with the reason, the
/// fallbacks for an unreachable peer, and the privacy marking the peer must honour.
/// </summary>
/// <remarks>
/// The tier a peer decision reports is the tier of work it stands in for: 2 when it takes tier-2 work in place of a
/// local ensemble, 3 otherwise (work this device should not or cannot do itself, which would otherwise need the cloud).
/// </remarks>
internal static class PeerDelegation
{
    /// <summary>A decision for the peer, or null (with a reason saying why no peer could take it, once) when there is none.</summary>
    public static RouteDecision? Try(DecisionState state, string signal, string why, RouteTier tier, List<RouteTarget> clouds, bool localPossible)
    {
        if (state.Peer is not { } peer)
        {
            if (state.PeerProblem is { } problem)
            {
                state.Add("delegation", $"no peer can take it: {problem}");
            }

            state.PeerProblem = null;
            return null;
        }

        var skipped = state.PeerProblem is { } passed ? $"; passed over {passed}" : "";
        state.Add(signal, $"{why} → peer {peer.Name}{state.PeerNote}, tier {tier.Text()}{skipped}");
        return TierChoice.Build(state, tier, [peer], false, clouds, localPossible);
    }

    /// <summary>
    /// Where a peer's request goes when the peer fails before answering: the cloud when the peer stood in for it and
    /// the cloud may take it, then this device's fast path (the answer is then marked degraded).
    /// </summary>
    public static IEnumerable<RouteStep> Fallbacks(DecisionState state, RouteTier tier, List<RouteTarget> usableClouds, bool localPossible)
    {
        if (tier == RouteTier.Cloud && usableClouds.Count > 0)
        {
            yield return new RouteStep(RouteTier.Cloud, usableClouds[0].Name, "the peer failed before answering");
        }

        if (localPossible && state.Snapshot.Fast is { } fast)
        {
            yield return new RouteStep(RouteTier.Local, fast.Name, "the peer failed before answering; answered on this device (degraded)");
        }
    }

    /// <summary>
    /// The constraint this node puts on a delegated request, sent to the peer as <c>x-locus-privacy</c>: what may not
    /// leave this node's devices may not leave the peer's either.
    /// </summary>
    public static PrivacyMarking Privacy(DecisionState state) =>
        state.CloudForbidden is not null || state.BlockIfRemote ? PrivacyMarking.LocalOnly
        : state.Findings.Count > 0 || state.Context.Privacy == PrivacyMarking.Sensitive ? PrivacyMarking.Sensitive
        : PrivacyMarking.Normal;
}
