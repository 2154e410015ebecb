using Microsoft.Extensions.AI;

namespace Locus.Core.Abstractions;

/// <summary>
/// Counts tokens with a backend's own tokenizer: for Anthropic's <c>count_tokens</c>, for clamping <c>max_tokens</c> to
/// the room left in the context, and for routing a prompt to a target whose context can take it. A local backend
/// exposes it through <c>IChatClient.GetService(typeof(ITokenCounter))</c>; a cloud backend has none (its tokenizer is
/// not here), and callers then estimate.
/// </summary>
public interface ITokenCounter
{
    /// <summary>The prompt tokens <paramref name="messages"/> become, through the chat template, with the tools and
    /// response format of <paramref name="options"/> rendered as the backend renders them.</summary>
    int CountPromptTokens(IEnumerable<ChatMessage> messages, ChatOptions? options = null);

    /// <summary>The tokens of raw text, as <c>/v1/completions</c> sends it (no chat template).</summary>
    int CountTextTokens(string text);

    /// <summary>Tokens of context per request (prompt plus output).</summary>
    int ContextLength { get; }
}
