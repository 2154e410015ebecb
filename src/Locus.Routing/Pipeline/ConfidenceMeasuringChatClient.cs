using Locus.Core.Abstractions;
using Locus.Routing.Options;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Pipeline;

/// <summary>
/// For targets on this device, when the attempt is a confidence cascade's local half: asks the backend to measure its
/// tokens' log probabilities (<see cref="LocusChatOptions.MeasureConfidence"/>) and caps the answer at
/// <c>max_local_tokens</c>, since a long local answer that may be thrown away costs the wait for the cloud's.
/// </summary>
internal sealed class ConfidenceMeasuringChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Measured(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, Measured(options), cancellationToken);

    /// <summary>Whether <paramref name="cascade"/>'s cap is below what the request itself allows.</summary>
    public static bool Caps(CascadeOptions cascade, ChatOptions? options) =>
        cascade.MaxLocalTokens is { } cap && (options?.MaxOutputTokens is not { } asked || cap < asked);

    private static ChatOptions? Measured(ChatOptions? options)
    {
        if (TargetChatOptions.CallOf(options) is not { Cascade: { } cascade })
        {
            return options;
        }

        var measured = options!.Clone();
        measured.AdditionalProperties = new AdditionalPropertiesDictionary(measured.AdditionalProperties ?? [])
        {
            [LocusChatOptions.MeasureConfidence] = true,
        };
        if (Caps(cascade, options))
        {
            measured.MaxOutputTokens = cascade.MaxLocalTokens;
        }

        return measured;
    }
}
