using System.Runtime.CompilerServices;
using Locus.Privacy;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Pipeline;

/// <summary>
/// For targets off this device: when the decision says so, replaces secrets and personal data in everything the
/// request sends by placeholders, and puts the originals back into what comes back, streamed text included.
/// </summary>
internal sealed class RedactingChatClient(IChatClient inner, ISensitivityScanner scanner) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        TargetChatOptions.CallOf(options) is { Redact: true }
            ? GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken)
            : base.GetResponseAsync(messages, options, cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        TargetChatOptions.CallOf(options) is { Redact: true } call
            ? RedactedAsync(messages, options, call, cancellationToken)
            : base.GetStreamingResponseAsync(messages, options, cancellationToken);

    private async IAsyncEnumerable<ChatResponseUpdate> RedactedAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, TargetCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var redaction = Redaction.Create(scanner);
        var outgoing = MessageRedactor.Redact(messages as IReadOnlyList<ChatMessage> ?? [.. messages], redaction);
        call.Observer.Redacted(redaction.Count);
        var restorer = redaction.CreateStreamingRestorer();
        await foreach (var update in base.GetStreamingResponseAsync(outgoing, options, cancellationToken).ConfigureAwait(false))
        {
            yield return MessageRedactor.Restore(update, restorer, redaction);
        }

        // Text held back in case it was the start of a placeholder.
        if (restorer.Flush() is { Length: > 0 } tail)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, tail);
        }
    }
}
