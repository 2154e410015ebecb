using System.Runtime.CompilerServices;
using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests;

/// <summary>
/// A local backend as the llama one behaves towards the router: its own token count (a fixed number of tokens per
/// character, so tests can make the count differ from the router's estimate), raw text completion, and a
/// <c>max_tokens</c> beyond the room left lowered and reported on the first update.
/// </summary>
internal sealed class CountingBackend(ScriptedClient inner, double tokensPerChar) : DelegatingChatClient(inner), ITokenCounter, ITextCompletionClient
{
    public List<string> RawPrompts { get; } = [];

    public int ContextLength => inner.ContextLength;

    public int CountPromptTokens(IEnumerable<ChatMessage> messages, ChatOptions? options = null) =>
        messages.Sum(m => CountTextTokens(m.Text) + 4);

    public int CountTextTokens(string text) => (int)Math.Ceiling(text.Length * tokensPerChar);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        return Clamped(base.GetStreamingResponseAsync(list, options, cancellationToken), CountPromptTokens(list), options, cancellationToken);
    }

    public Task<ChatResponse> CompleteAsync(string prompt, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        CompleteStreamingAsync(prompt, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> CompleteStreamingAsync(string prompt, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        lock (RawPrompts)
        {
            RawPrompts.Add(prompt);
        }

        return Clamped(base.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "raw " + prompt)], options, cancellationToken),
            CountTextTokens(prompt), options, cancellationToken);
    }

    private async IAsyncEnumerable<ChatResponseUpdate> Clamped(
        IAsyncEnumerable<ChatResponseUpdate> updates, int promptTokens, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var clamp = MaxTokensClamp.For(options?.MaxOutputTokens, promptTokens, ContextLength);
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            if (clamp is not null)
            {
                update.AdditionalProperties = new() { [MaxTokensClamp.PropertyKey] = clamp };
                clamp = null;
            }

            yield return update;
        }
    }
}
