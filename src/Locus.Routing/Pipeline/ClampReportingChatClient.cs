using System.Runtime.CompilerServices;
using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Pipeline;

/// <summary>
/// For targets that lower a <c>max_tokens</c> beyond their context's room (Locus's own models): passes the
/// <see cref="MaxTokensClamp"/> the backend reports on to the attempt's observer as soon as it appears — streaming,
/// on the first update, before the router commits the answer — so the route's headers and its ledger row show it.
/// </summary>
internal sealed class ClampReportingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        Report(options, response.AdditionalProperties);
        return response;
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        TargetChatOptions.CallOf(options) is null
            ? base.GetStreamingResponseAsync(messages, options, cancellationToken)
            : ReportedAsync(messages, options, cancellationToken);

    private async IAsyncEnumerable<ChatResponseUpdate> ReportedAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reported = false;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            if (!reported)
            {
                reported = Report(options, update.AdditionalProperties);
            }

            yield return update;
        }
    }

    private static bool Report(ChatOptions? options, AdditionalPropertiesDictionary? properties)
    {
        if (TargetChatOptions.CallOf(options) is not { } call || MaxTokensClamp.From(properties) is not { } clamp)
        {
            return false;
        }

        call.Observer.Clamped(clamp);
        return true;
    }
}
