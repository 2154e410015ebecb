using Locus.Core.Abstractions;
using Locus.Routing.Signals;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Pipeline;

/// <summary>
/// The innermost step for targets that complete raw text: a request marked <see cref="LocusChatOptions.RawPrompt"/>
/// (<c>/v1/completions</c>) was routed as one user message, and runs here as that message's text, without a chat
/// template, through the backend's <see cref="ITextCompletionClient"/>. Every other request passes through.
/// </summary>
internal sealed class RawCompletionChatClient(IChatClient inner, ITextCompletionClient completion) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        RoutingInput.IsRaw(options)
            ? completion.CompleteAsync(Prompt(messages), options, cancellationToken)
            : base.GetResponseAsync(messages, options, cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        RoutingInput.IsRaw(options)
            ? completion.CompleteStreamingAsync(Prompt(messages), options, cancellationToken)
            : base.GetStreamingResponseAsync(messages, options, cancellationToken);

    /// <summary>The raw prompt: the text of the one message it was routed as.</summary>
    private static string Prompt(IEnumerable<ChatMessage> messages) =>
        messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text
        ?? throw new InvalidOperationException("A raw prompt is routed as one user message; none was found.");
}
