using System.ClientModel;
using System.Runtime.CompilerServices;
using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Locus.Cli.Commands;

/// <summary>Something `locus chat` can talk to: a model loaded in this process, or a server speaking OpenAI's API.</summary>
internal interface IChatBackend : IDisposable
{
    string Name { get; }

    IAsyncEnumerable<string> StreamAsync(IReadOnlyList<AIChatMessage> history, ChatOptions options, CancellationToken cancellationToken);
}

internal sealed class LocalChatBackend(IModelCatalog catalog) : IChatBackend
{
    private readonly IChatClient _client = catalog.Find(catalog.Models[0].Id)!;

    public string Name => catalog.Models[0].Id;

    public async IAsyncEnumerable<string> StreamAsync(IReadOnlyList<AIChatMessage> history, ChatOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in _client.GetStreamingResponseAsync(history, options, cancellationToken).ConfigureAwait(false))
        {
            yield return update.Text;
        }
    }

    public void Dispose() => catalog.Dispose();
}

internal sealed class RemoteChatBackend(Uri baseUrl, string model, string? apiKey) : IChatBackend
{
    private readonly ChatClient _client = new(model, new ApiKeyCredential(apiKey ?? "none"), new OpenAIClientOptions { Endpoint = baseUrl });

    public string Name => $"{model} at {baseUrl}";

    public async IAsyncEnumerable<string> StreamAsync(IReadOnlyList<AIChatMessage> history, ChatOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var messages = history.Select<AIChatMessage, OpenAI.Chat.ChatMessage>(m =>
            m.Role == ChatRole.System ? new SystemChatMessage(m.Text)
            : m.Role == ChatRole.Assistant ? new AssistantChatMessage(m.Text)
            : new UserChatMessage(m.Text)).ToList();
        var request = new ChatCompletionOptions { Temperature = options.Temperature, MaxOutputTokenCount = options.MaxOutputTokens };
        await foreach (var update in _client.CompleteChatStreamingAsync(messages, request, cancellationToken).ConfigureAwait(false))
        {
            foreach (var part in update.ContentUpdate)
            {
                yield return part.Text;
            }
        }
    }

    public void Dispose()
    {
    }
}
