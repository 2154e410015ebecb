using System.Globalization;
using Locus.Core.Errors;
using Locus.Routing.Runtime;
using Locus.Routing.Targets;

namespace Locus.Routing.Policy;

/// <summary>Turns the assessed signals into a tier and target: context fit, capabilities (tools, JSON output), availability, latency, fallbacks.</summary>
internal static class TierChoice
{
    public static RouteDecision Choose(DecisionState state)
    {
        var snapshot = state.Snapshot;
        var routing = snapshot.Routing;
        var fast = snapshot.Fast;
        var localFits = fast is not null && state.Fits(fast);
        if (fast is not null && !localFits)
        {
            state.Add("context", state.TooBig(fast));
        }

        // A capability the request needs (tools, JSON output) that the fast path lacks, named in the reason.
        var localLacks = fast is null ? null : state.Lacks(fast);
        if (localLacks is not null)
        {
            state.Add(state.LackingSignal(fast!), localLacks);
        }

        var ensemble = Ensemble(state);
        var localPossible = localFits && localLacks is null;

        var clouds = Clouds(state, out var cloudProblem);
        var cloudUsable = state.CloudForbidden is null && clouds.Count > 0;

        var tier = state.DesiredTier;
        // Work this device cannot take (context, tools) goes to a peer that can: before the cloud, unless it is tier-3 work the cloud may take.
        if (!localPossible && fast is not null && (tier < RouteTier.Cloud || !(cloudUsable && !state.BlockIfRemote))
            && PeerDelegation.Try(state, localFits ? state.LackingSignal(fast) : "context", localFits ? localLacks! : $"{fast.Name} cannot take it", RouteTier.Cloud, clouds, localPossible) is { } unfit)
        {
            return unfit;
        }

        if (tier == RouteTier.Ensemble && ensemble is null)
        {
            if (PeerDelegation.Try(state, "tier", "no local ensemble for tier-2 work; a bigger model on a peer", RouteTier.Ensemble, clouds, localPossible) is { } bigger)
            {
                return bigger;
            }

            tier = RouteTier.Local;
            state.Add("tier", UnfitForEnsemble(state) is { } unfitFor
                ? $"the ensemble is not used for {unfitFor} (its answers are compared as text); tier-2 work runs on the fast path"
                : "no usable local ensemble; tier-2 work runs on the fast path");
        }

        if (!localPossible || fast is null)
        {
            tier = RouteTier.Cloud;
        }

        if (tier == RouteTier.Cloud && !(cloudUsable && !state.BlockIfRemote))
        {
            var why = state.CloudForbidden ?? (state.BlockIfRemote ? "policy blocks private data from leaving the device" : cloudProblem);
            // The peer is one of this person's devices: private, free and bigger than the fast path.
            if (PeerDelegation.Try(state, "delegation", $"tier-{state.DesiredTier.Text()} work may not or cannot go to the cloud ({why})", RouteTier.Cloud, clouds, localPossible) is { } kept)
            {
                return kept;
            }

            if (state.BlockIfRemote)
            {
                return Refuse(state, RouteErrors.Denied($"This request carries private data ({string.Join(", ", state.Findings)}) and would have to leave the device; policy blocks that.", "private_data_blocked"));
            }

            if (state.BudgetRefusal is not null && state.DesiredTier == RouteTier.Cloud)
            {
                return Refuse(state, state.BudgetRefusal);
            }

            if (!localFits && fast is not null)
            {
                state.Add("context", $"no other target may take it: {why}");
                return Refuse(state, ContextTooLarge(state, fast, why));
            }

            if (localLacks is not null && fast is not null)
            {
                return Refuse(state, RouteErrors.Unsupported(state.LackingSignal(fast), fast.Name, why));
            }

            if (fast is null)
            {
                return Refuse(state, state.CloudForbidden is null ? RouteErrors.Offline(why) : state.CloudRefusal ?? RouteErrors.Offline(why));
            }

            var degraded = state.CloudForbidden is null && !state.BlockIfRemote;
            tier = ensemble is not null && state.DesiredTier >= RouteTier.Ensemble ? RouteTier.Ensemble : RouteTier.Local;
            state.Add(degraded ? "availability" : "tier", $"{why} → tier {tier.Text()}" + (degraded ? " (degraded)" : ""));
            return Build(state, tier, tier == RouteTier.Ensemble ? ensemble! : [fast], degraded, clouds, localPossible);
        }

        if (tier < RouteTier.Cloud && state.ThermallyTooSlow is { } slow)
        {
            // A cooler peer before the cloud: it keeps the data on the person's devices and costs nothing.
            if (PeerDelegation.Try(state, "thermal", slow, RouteTier.Cloud, clouds, localPossible) is { } cooler)
            {
                return cooler;
            }

            var canLeave = cloudUsable && !state.BlockIfRemote && state.BudgetRefusal is null;
            state.Add("thermal", canLeave ? $"{slow} → tier 3" : $"{slow}, but no other target may take it; staying local");
            if (canLeave)
            {
                tier = RouteTier.Cloud;
            }
        }

        if (tier == RouteTier.Cloud && state.BudgetRefusal is not null)
        {
            return Refuse(state, state.BudgetRefusal);
        }

        var chosen = tier switch { RouteTier.Cloud => [clouds[0]], RouteTier.Ensemble => ensemble!, _ => new[] { fast! } };
        return LatencyCheck(state, tier, chosen, clouds, localPossible, fast);
    }

    public static RouteDecision Pin(DecisionState state, RouteTarget target)
    {
        state.Add("pinned", $"the client asked for target '{target.Name}'");
        if (target.Options.Kind == Options.TargetKind.Peer && state.Context.Delegated)
        {
            return Refuse(state, RouteErrors.Denied(
                $"This request was delegated here by another node; it is served by this node's own targets and never passed on to peer '{target.Name}'.", "delegation_loop"));
        }

        if (!state.Fits(target))
        {
            state.Add("context", state.TooBig(target));
            return Refuse(state, RouteErrors.ContextTooLarge(
                state.Prompt(target), state.OutputNeed(target), target.Name, target.ContextLength,
                $"'{target.Name}' was asked for by name; ask for '{state.Snapshot.Routing.AutoModel}' to let Locus choose a target that can take it"));
        }

        if (state.Lacks(target) is { } lacks)
        {
            state.Add(state.LackingSignal(target), lacks);
            return Refuse(state, RouteErrors.Unsupported(state.LackingSignal(target), target.Name));
        }

        if (target.OnDevice)
        {
            return Build(state, target.Options.Kind == Options.TargetKind.Peer ? RouteTier.Cloud : RouteTier.Local, [target], false, [], false);
        }

        if (state.BlockIfRemote)
        {
            return Refuse(state, RouteErrors.Denied($"This request carries private data ({string.Join(", ", state.Findings)}); policy blocks sending it to '{target.Name}'.", "private_data_blocked"));
        }

        if (state.CloudRefusal is not null && state.CloudForbidden is not null)
        {
            return Refuse(state, state.CloudRefusal);
        }

        var health = target.HealthNow;
        if (!health.Available)
        {
            return Refuse(state, new LocusError(LocusErrorKind.Unavailable,
                $"Target '{target.Name}' is unavailable ({health.Reason}). Ask for '{state.Snapshot.Routing.AutoModel}' to be answered locally meanwhile.",
                null, "target_unavailable"));
        }

        return Build(state, RouteTier.Cloud, [target], false, [], false);
    }

    private static RouteDecision LatencyCheck(DecisionState state, RouteTier tier, RouteTarget[] chosen, List<RouteTarget> clouds, bool localPossible, RouteTarget? fast)
    {
        var budget = state.Context.LatencyBudget ?? state.Client.LatencyBudget ?? state.Snapshot.Routing.LatencyBudget;
        if (budget is not { } limit)
        {
            return Build(state, tier, chosen, false, clouds, localPossible);
        }

        var options = new List<(RouteTier Tier, RouteTarget Target, double Ms)>();
        foreach (var (t, target) in Candidates(state, tier, chosen, clouds, localPossible, fast))
        {
            options.Add((t, target, Predict(state, target).TotalMs));
        }

        var current = options[0];
        var ms = limit.TotalMilliseconds;
        if (current.Ms <= ms)
        {
            state.Add("latency", Invariant($"{current.Target.Name} predicted {current.Ms:0} ms, within the {ms:0} ms budget"));
            return Build(state, tier, chosen, false, clouds, localPossible);
        }

        var meeting = options.Skip(1).Where(o => o.Ms <= ms).OrderBy(o => o.Ms).FirstOrDefault();
        if (meeting.Target is not null)
        {
            state.Add("latency", Invariant($"{current.Target.Name} predicted {current.Ms:0} ms > {ms:0} ms budget; {meeting.Target.Name} predicted {meeting.Ms:0} ms → tier {meeting.Tier.Text()}"));
            return Build(state, meeting.Tier, [meeting.Target], false, clouds, localPossible);
        }

        var fastest = options.MinBy(o => o.Ms);
        state.Add("latency", Invariant($"no target can meet the {ms:0} ms budget (fastest: {fastest.Target.Name}, {fastest.Ms:0} ms predicted); using it"));
        return fastest.Target == current.Target
            ? Build(state, tier, chosen, false, clouds, localPossible)
            : Build(state, fastest.Tier, [fastest.Target], false, clouds, localPossible);
    }

    private static IEnumerable<(RouteTier Tier, RouteTarget Target)> Candidates(
        DecisionState state, RouteTier tier, RouteTarget[] chosen, List<RouteTarget> clouds, bool localPossible, RouteTarget? fast)
    {
        // An ensemble's latency is its slowest member's, run one after another on shared slots: approximate by the first.
        yield return (tier, chosen[0]);
        if (tier != RouteTier.Local && localPossible && fast is not null)
        {
            yield return (RouteTier.Local, fast);
        }

        if (tier != RouteTier.Cloud && state.CloudForbidden is null && !state.BlockIfRemote)
        {
            foreach (var cloud in clouds)
            {
                yield return (RouteTier.Cloud, cloud);
            }
        }
    }

    private static Signals.LatencyPrediction Predict(DecisionState state, RouteTarget target) =>
        Signals.LatencyPredictor.Predict(target.Stats, target.Load, state.Input.EstimatedPromptTokens, state.ExpectedOutputTokens,
            target.OnDevice && target.Options.Kind != Options.TargetKind.Peer ? state.LocalSpeedFactor : 1);

    private static RouteTarget[]? Ensemble(DecisionState state)
    {
        if (state.Snapshot.Routing.Ensemble is not { } e || UnfitForEnsemble(state) is not null)
        {
            return null;
        }

        var members = e.Targets.Select(state.Snapshot.Find).ToArray();
        return members.All(m => m is not null && state.Fits(m) && state.Lacks(m) is null) ? [.. members.Select(m => m!)] : null;
    }

    /// <summary>
    /// What the ensemble cannot judge in this request, or null: it compares its members' answers as text (votes,
    /// similarity), which says nothing about whether tool calls or JSON documents agree.
    /// </summary>
    private static string? UnfitForEnsemble(DecisionState state) =>
        state.NeedsTools ? "tool calls" : state.NeedsJsonSchema ? "JSON output" : state.NeedsRawCompletion ? "raw prompts" : null;

    /// <summary>Cloud targets that are healthy and big enough, in preference order; <paramref name="problem"/> says why none is.</summary>
    private static List<RouteTarget> Clouds(DecisionState state, out string problem)
    {
        var usable = new List<RouteTarget>();
        var problems = new List<string>();
        foreach (var name in state.Snapshot.Routing.CloudTargets)
        {
            if (state.Snapshot.Find(name) is not { } target)
            {
                continue;
            }

            var health = target.HealthNow;
            if (!health.Available)
            {
                problems.Add($"{name} unavailable ({health.Reason})");
            }
            else if (!state.Fits(target))
            {
                problems.Add(state.TooBig(target));
            }
            else if (state.Lacks(target) is { } lacks)
            {
                problems.Add(lacks);
            }
            else
            {
                usable.Add(target);
            }
        }

        problem = problems.Count > 0 ? string.Join("; ", problems) : "no cloud target is configured";
        return usable;
    }

    internal static RouteDecision Build(DecisionState state, RouteTier tier, RouteTarget[] targets, bool degraded, List<RouteTarget> clouds, bool localPossible)
    {
        var remote = targets.Any(t => !t.OnDevice);
        var fallbacks = new List<RouteStep>();
        var cloudUsable = state.CloudForbidden is null && !state.BlockIfRemote;
        if (targets is [{ Options.Kind: Options.TargetKind.Peer }] && IsAuto(state))
        {
            fallbacks.AddRange(PeerDelegation.Fallbacks(state, tier, cloudUsable ? clouds : [], localPossible));
        }
        else if (remote)
        {
            fallbacks.AddRange(clouds.Where(c => !targets.Contains(c)).Select(c => new RouteStep(RouteTier.Cloud, c.Name, "the preferred cloud target failed")));
            // A client that pinned a cloud target insists on it: no silent local answer then.
            if (state.Snapshot.Routing.FallbackToLocal && IsAuto(state) && localPossible && state.Snapshot.Fast is { } fast)
            {
                fallbacks.Add(new RouteStep(RouteTier.Local, fast.Name, "the cloud failed before answering"));
            }
        }

        else if (cloudUsable && IsAuto(state) && clouds.Count > 0)
        {
            fallbacks.Add(new RouteStep(RouteTier.Cloud, clouds[0].Name, tier == RouteTier.Ensemble ? "the ensemble disagreed or failed" : "the local target could not serve it"));
        }

        var first = targets[0];
        if (state.ExpectedClamp(first) is { } clamp)
        {
            var (_, counted) = state.Prompt(first);
            state.Add("context", Invariant(
                $"max_tokens {clamp.Asked:N0} is more than {first.Name}'s {first.ContextLength:N0}-token context leaves after the prompt; lowered to {(counted ? "" : "about ")}{clamp.Granted:N0}"));
        }

        var reference = remote ? first : null;
        return new RouteDecision
        {
            Tier = tier,
            Target = string.Join('+', targets.Select(t => t.Name)),
            Reasons = state.Reasons,
            Degraded = degraded,
            // A local decision may still leave the device through a fallback (or a cascade's escalation): redact then too.
            Redact = state.Redact && (remote || fallbacks.Any(f => f.Tier == RouteTier.Cloud)),
            Findings = state.Findings,
            Fallbacks = fallbacks,
            PeerPrivacy = PeerDelegation.Privacy(state),
            Complexity = state.Complexity,
            EstimatedPromptTokens = state.Input.EstimatedPromptTokens,
            EstimatedCostUsd = reference?.Options.Price.Cost(state.Input.EstimatedPromptTokens, state.ExpectedOutputTokens) ?? 0m,
            PredictedLatency = TimeSpan.FromMilliseconds(Predict(state, first).TotalMs),
        };
    }

    /// <summary>
    /// The refusal of a prompt that fits no target this request may use, with the numbers: the prompt's size (on the
    /// fast path's tokenizer when it has one) and the largest context among the targets it was allowed.
    /// </summary>
    private static LocusError ContextTooLarge(DecisionState state, RouteTarget fast, string why)
    {
        var mayLeave = state.CloudForbidden is null && !state.BlockIfRemote;
        var largest = state.Snapshot.Targets.Values
            .Where(t => (t.OnDevice || mayLeave) && state.Lacks(t) is null)
            .MaxBy(t => t.ContextLength) ?? fast;
        return RouteErrors.ContextTooLarge(state.Prompt(fast), state.OutputNeed(largest), largest.Name, largest.ContextLength, why);
    }

    internal static bool IsAuto(DecisionState state) =>
        state.Context.RequestedModel is null || string.Equals(state.Context.RequestedModel, state.Snapshot.Routing.AutoModel, StringComparison.Ordinal);

    private static RouteDecision Refuse(DecisionState state, LocusError error) => new()
    {
        Tier = RouteTier.None,
        Target = "",
        Reasons = state.Reasons,
        Refusal = error,
        Findings = state.Findings,
        Complexity = state.Complexity,
        EstimatedPromptTokens = state.Input.EstimatedPromptTokens,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
