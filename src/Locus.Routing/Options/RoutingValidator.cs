using Locus.Core.Configuration;

namespace Locus.Routing.Options;

/// <summary>Checks that hold across keys: names unique, tiers naming targets of the right kind, thresholds ordered.</summary>
internal static class RoutingValidator
{
    public static void Validate(RouterConfig config, ConfigDocument document)
    {
        void Fail(string key, string message) => document.Report(key, message);
        var routing = config.Routing;

        foreach (var duplicate in config.Targets.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Fail("targets", $"two targets are named \"{duplicate.Key}\"; names must be unique");
        }

        foreach (var duplicate in config.Clients.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            Fail("clients", $"two clients are named \"{duplicate.Key}\"; names must be unique");
        }

        if (config.FindTarget(routing.AutoModel) is not null)
        {
            Fail("routing.auto_model", $"\"{routing.AutoModel}\" is also a target name; clients could not ask for routing");
        }

        if (config.Targets.Count == 0)
        {
            return;
        }

        if (routing.FastTarget is { } fast && Check("routing.fast", fast) is { } f)
        {
            if (!f.OnDevice)
            {
                Fail("routing.fast", $"the fast path must run on the device, but target \"{fast}\" is remote (on_device: false)");
            }
            else if (f.Kind == TargetKind.Peer)
            {
                Fail("routing.fast", $"the fast path must run on this device, but target \"{fast}\" is a peer; list it under routing.peers");
            }
        }

        if (routing.FastTarget is null && routing.CloudTargets.Count == 0)
        {
            Fail("routing", "no tier has a target: add a llama target (tier 1) or a cloud target (tier 3)");
        }

        foreach (var member in routing.Ensemble?.Targets ?? [])
        {
            if (Check("routing.ensemble.targets", member) is { OnDevice: false } or { Kind: TargetKind.Peer })
            {
                Fail("routing.ensemble.targets", $"ensemble members run on this device; \"{member}\" is not local");
            }
        }

        if (routing.Ensemble is { Targets.Count: 1, Samples: < 2 })
        {
            Fail("routing.ensemble.samples", "an ensemble of one target needs samples of 2 or more to have something to compare");
        }

        foreach (var cloud in routing.CloudTargets)
        {
            if (Check("routing.cloud", cloud) is { Kind: TargetKind.Peer })
            {
                Fail("routing.cloud", $"\"{cloud}\" is a peer; list it under routing.peers (it answers on this person's devices, not in the cloud)");
            }
        }

        PeerValidator.Validate(config, Fail);
        if (routing.FastBelow > routing.CloudFrom)
        {
            Fail("routing.complexity", $"fast_below ({routing.FastBelow}) must not exceed cloud_from ({routing.CloudFrom})");
        }

        if (routing.Cascade is not null)
        {
            if (routing.CloudTargets.Count == 0)
            {
                Fail("routing.cascade", "a cascade escalates unsure local answers to the cloud, but no cloud target is configured");
            }

            if (routing.FastTarget is { } tierOne && config.FindTarget(tierOne) is { } tierOneTarget && tierOneTarget.Kind != TargetKind.Llama)
            {
                Fail("routing.cascade", $"a cascade reads the local model's token probabilities, which only llama targets report; \"{tierOne}\" is {tierOneTarget.Kind.ToString().ToLowerInvariant()}");
            }
        }

        if (routing.ReferenceTarget is { } reference)
        {
            Check("routing.reference", reference);
        }

        TargetOptions? Check(string key, string name)
        {
            var target = config.FindTarget(name);
            if (target is null)
            {
                Fail(key, $"no target is named \"{name}\" (targets: {string.Join(", ", config.Targets.Select(t => t.Name))})");
            }

            return target;
        }
    }
}
