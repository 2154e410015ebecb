using System.Runtime.CompilerServices;
using Locus.Privacy;
using Locus.Routing.Requests;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Pipeline;

/// <summary>
/// For targets off this device: when the decision says so, replaces secrets and personal data in everything the
/// request sends (messages, tool calls and results, tool declarations and their schemas, stop sequences, the
/// response format, author names) by placeholders, and puts the originals back into what comes back, streamed text
/// and streamed tool-call arguments included.
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

    /// <summary>Redacts every text of a request; the redaction then restores the answer.</summary>
    internal static (List<ChatMessage> Messages, ChatOptions? Options) Redact(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, Redaction redaction)
    {
        // Learn from every text first: a value a label gives away in one text is then replaced wherever it occurs,
        // bare in a stop sequence or an enum value included, and no placeholder collides with any text.
        var texts = new List<string>();
        string Read(string text)
        {
            texts.Add(text);
            return text;
        }

        MessageRedactor.Map(messages, Read);
        RequestTexts.Map(options, Read);
        redaction.Learn(texts);
        return (MessageRedactor.Map(messages, redaction.Redact), RequestTexts.Map(options, redaction.Redact));
    }

    private async IAsyncEnumerable<ChatResponseUpdate> RedactedAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, TargetCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var redaction = Redaction.Create(scanner);
        var (outgoing, outgoingOptions) = Redact(messages as IReadOnlyList<ChatMessage> ?? [.. messages], options, redaction);
        call.Observer.Redacted(redaction.Count);
        var restorer = new ResponseRestorer(redaction);
        await foreach (var update in base.GetStreamingResponseAsync(outgoing, outgoingOptions, cancellationToken).ConfigureAwait(false))
        {
            yield return restorer.Restore(update);
        }

        // Text held back in case it was the start of a placeholder.
        if (restorer.Flush() is { } tail)
        {
            yield return tail;
        }
    }
}
