using Locus.Core.Abstractions;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

/// <summary>
/// What a request sent to a peer carries besides the messages: the privacy marking this node's policy put on it, so
/// the peer keeps local-only data on its own models. (The delegation mark itself is a header of the peer target.)
/// </summary>
internal static class PeerRequest
{
    public static bool IsPeer(RouterSnapshot snapshot, string target) => snapshot.Find(target)?.Options.Kind == TargetKind.Peer;

    public static ChatOptions? Options(RouteTarget target, RouteDecision decision, ChatOptions? options)
    {
        if (target.Options.Kind != TargetKind.Peer || decision.PeerPrivacy == PrivacyMarking.Normal)
        {
            return options;
        }

        var copy = options?.Clone() ?? new ChatOptions();
        copy.AdditionalProperties = new AdditionalPropertiesDictionary(copy.AdditionalProperties ?? [])
        {
            [LocusChatOptions.UpstreamHeaders] = new Dictionary<string, string>
            {
                [DelegationHeaders.Privacy] = decision.PeerPrivacy == PrivacyMarking.LocalOnly ? "local-only" : "sensitive",
            },
        };
        return copy;
    }
}
