using Microsoft.Extensions.AI;

namespace Locus.Core.Abstractions;

/// <summary>
/// Raw text completion (OpenAI <c>/v1/completions</c>): the prompt goes to the model as-is, with no chat template.
/// A local backend exposes it through <c>IChatClient.GetService(typeof(ITextCompletionClient))</c>.
/// Sampling options, usage and finish reasons mean the same as in chat.
/// </summary>
public interface ITextCompletionClient
{
    Task<ChatResponse> CompleteAsync(string prompt, ChatOptions? options = null, CancellationToken cancellationToken = default);

    IAsyncEnumerable<ChatResponseUpdate> CompleteStreamingAsync(
        string prompt, ChatOptions? options = null, CancellationToken cancellationToken = default);
}
