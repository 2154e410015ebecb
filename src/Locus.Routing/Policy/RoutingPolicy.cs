using System.Globalization;
using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Routing.Options;
using Locus.Routing.Requests;
using Locus.Routing.Runtime;
using Locus.Routing.Signals;
using Locus.Routing.Targets;

namespace Locus.Routing.Policy;

/// <summary>
/// Decides where a request runs. Pure apart from reading live stats, health and spend: it does not call any backend,
/// so <c>locus route --explain</c> shows exactly what serving would do. Signals are weighed in a fixed order —
/// client policy, sensitivity, complexity, thermal headroom, budget, peers, tools, context fit, availability, latency — and
/// each one that constrains the choice adds a reason.
/// </summary>
public sealed class RoutingPolicy(
    IComplexityEstimator complexity, PrivacySignal privacy, ISpendSource spend, TimeProvider time, IThermalOutlook? thermal = null, IPeerOutlook? peers = null)
{
    public RouteDecision Decide(RouterSnapshot snapshot, RoutingInput input, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var state = new DecisionState(snapshot, input, context, snapshot.ClientOrDefault(context.Client));
        var pinned = Pinned(snapshot, context);

        if (!state.Client.AllowCloud)
        {
            Forbid(state, "policy", $"client '{state.Client.Name}' may not use remote targets", RouteErrors.Denied(
                $"Client '{state.Client.Name}' may only use targets on this device; ask for '{snapshot.Routing.AutoModel}' or a local target.", "cloud_not_allowed"));
        }

        privacy.Assess(state);
        MemorySignal.Assess(state);
        Assess(state);
        ThermalSignal.Assess(state, thermal);
        BudgetSignal.Assess(state, spend, time.GetUtcNow());
        if (context.DelegatedBy is { } by)
        {
            state.Add("delegation", $"delegated by {by}; served by this node's own targets, never passed on to a peer");
        }

        PeerSignal.Assess(state, peers, time.GetUtcNow());
        return pinned is null ? TierChoice.Choose(state) : TierChoice.Pin(state, pinned);
    }

    private static RouteTarget? Pinned(RouterSnapshot snapshot, RequestContext context)
    {
        var requested = context.RequestedModel;
        if (requested is null || string.Equals(requested, snapshot.Routing.AutoModel, StringComparison.Ordinal))
        {
            return null;
        }

        return snapshot.Find(requested) ?? throw new LocusException(new LocusError(LocusErrorKind.ModelNotFound,
            $"The model '{requested}' does not exist here. Use '{snapshot.Routing.AutoModel}' to let Locus choose, or one of: " +
            string.Join(", ", snapshot.Targets.Keys.Order(StringComparer.Ordinal)) + ".", "model", "model_not_found"));
    }

    private void Assess(DecisionState state)
    {
        var estimate = (state.Snapshot.Complexity ?? complexity).Estimate(state.Input);
        var routing = state.Snapshot.Routing;
        state.Complexity = estimate.Score;
        state.DesiredTier = estimate.Score < routing.FastBelow ? RouteTier.Local : estimate.Score < routing.CloudFrom ? RouteTier.Ensemble : RouteTier.Cloud;
        var factors = estimate.Factors.Count == 0 ? "no notable features" : string.Join(", ", estimate.Factors);
        state.Add("complexity", routing.Complexity.CloudShare is { } share
            ? string.Create(CultureInfo.InvariantCulture,
                $"score {estimate.Score:0.00} ({factors}) → tier {state.DesiredTier.Text()}; cloud from {routing.CloudFrom:0.000}, calibrated for {share:0%} cloud calls")
            : string.Create(CultureInfo.InvariantCulture, $"score {estimate.Score:0.00} ({factors}) → tier {state.DesiredTier.Text()}"));
    }

    internal static void Forbid(DecisionState state, string signal, string why, LocusError refusal)
    {
        state.CloudForbidden ??= why;
        state.CloudRefusal ??= refusal;
        state.Add(signal, why);
    }
}
