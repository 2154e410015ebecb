namespace Locus.Routing.Options;

/// <summary>Checks <c>routing.peers</c>: each names a target of kind peer, once.</summary>
internal static class PeerValidator
{
    public static void Validate(RouterConfig config, Action<string, string> fail)
    {
        var peers = config.Routing.Peers;
        foreach (var duplicate in peers.GroupBy(p => p, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            fail("routing.peers", $"\"{duplicate.Key}\" is listed twice");
        }

        foreach (var name in peers)
        {
            var target = config.FindTarget(name);
            if (target is null)
            {
                fail("routing.peers", $"no target is named \"{name}\" (peers: {string.Join(", ", config.Targets.Where(t => t.Kind == TargetKind.Peer).Select(t => t.Name))})");
            }
            else if (target.Kind != TargetKind.Peer)
            {
                fail("routing.peers", $"\"{name}\" is not a peer (kind: {target.Kind.ToString().ToLowerInvariant()}); routing.peers lists targets of kind peer (other Locus nodes)");
            }
        }

        if (peers.Count > 0 && config.Routing.FastTarget is null)
        {
            fail("routing.peers", "a peer's answer falls back to the local fast path when the peer is unreachable; set routing.fast to a llama target");
        }
    }
}
