using System.Runtime.CompilerServices;
using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests.Infrastructure;

/// <summary>
/// A model that replays a fixed list of updates (or fails on cue), so the server's wire format, error mapping and
/// cancellation can be checked byte for byte. It does not generate anything: the real engine is covered in EndToEnd/.
/// </summary>
internal sealed class ScriptedCatalog : IModelCatalog, IChatClient, ITextCompletionClient
{
    public const string ModelId = "scripted";

    public List<ChatResponseUpdate> Updates { get; } = [];

    /// <summary>Thrown before the first update.</summary>
    public Exception? FailAtStart { get; set; }

    /// <summary>Thrown after every update was sent (streaming only).</summary>
    public Exception? FailAfterUpdates { get; set; }

    /// <summary>After the updates, wait for cancellation instead of finishing.</summary>
    public bool HangAfterUpdates { get; set; }

    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChatOptions? LastOptions { get; private set; }

    public List<ChatMessage>? LastMessages { get; private set; }

    public string? LastPrompt { get; private set; }

    public IReadOnlyList<ModelInfo> Models { get; } = [new(ModelId, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), 256)];

    public IChatClient? Find(string modelId) => modelId == ModelId ? this : null;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        (LastMessages, LastOptions) = ([.. messages], options);
        return FailAtStart is { } e ? Task.FromException<ChatResponse>(e) : Task.FromResult(Updates.ToChatResponse());
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        (LastMessages, LastOptions) = ([.. messages], options);
        return ReplayAsync(cancellationToken);
    }

    public Task<ChatResponse> CompleteAsync(string prompt, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetResponseAsync([], Record(prompt, options), cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> CompleteStreamingAsync(string prompt, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync([], Record(prompt, options), cancellationToken);

    /// <summary>False: behave like a chat-only backend that offers no <see cref="ITextCompletionClient"/>.</summary>
    public bool OffersTextCompletion { get; set; } = true;

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ITextCompletionClient) && !OffersTextCompletion ? null
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private ChatOptions? Record(string prompt, ChatOptions? options)
    {
        LastPrompt = prompt;
        return options;
    }

    private async IAsyncEnumerable<ChatResponseUpdate> ReplayAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (FailAtStart is { } atStart)
        {
            throw atStart;
        }

        foreach (var update in Updates)
        {
            yield return update;
        }

        if (FailAfterUpdates is { } after)
        {
            throw after;
        }

        if (HangAfterUpdates)
        {
            using var registration = cancellationToken.Register(() => Cancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    /// <summary>Text updates, then one with the finish reason and usage, as a llama backend reports them.</summary>
    public ScriptedCatalog Script(ChatFinishReason finish, long promptTokens, params string[] texts)
    {
        Updates.AddRange(texts.Select(t => new ChatResponseUpdate(ChatRole.Assistant, t)));
        Updates.Add(new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            FinishReason = finish,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = promptTokens, OutputTokenCount = texts.Length, TotalTokenCount = promptTokens + texts.Length })],
        });
        return this;
    }
}
