using Locus.Core.Abstractions;
using Locus.Routing.Requests;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Pipeline;

/// <summary>
/// For peer targets: sends the privacy marking this node's policy put on the request (<c>x-locus-privacy</c>), so the
/// peer keeps local-only data on its own models. (The delegation mark itself is a fixed header of the peer target.)
/// </summary>
internal sealed class PeerPrivacyChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Marked(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, Marked(options), cancellationToken);

    private static ChatOptions? Marked(ChatOptions? options)
    {
        if (TargetChatOptions.CallOf(options) is not { PeerPrivacy: not PrivacyMarking.Normal and var privacy })
        {
            return options;
        }

        var marked = options!.Clone();
        marked.AdditionalProperties = new AdditionalPropertiesDictionary(marked.AdditionalProperties ?? [])
        {
            [LocusChatOptions.UpstreamHeaders] = new Dictionary<string, string>
            {
                [DelegationHeaders.Privacy] = privacy == PrivacyMarking.LocalOnly ? "local-only" : "sensitive",
            },
        };
        return marked;
    }
}
