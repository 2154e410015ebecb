using System.Runtime.CompilerServices;
using System.Text.Json;
using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests.Tools;

/// <summary>
/// A backend that can call tools, as a cloud model behind the router will: asked with tools, it says
/// <see cref="Preamble"/> (if any) and then calls every tool it was offered, in order, with
/// <see cref="Arguments"/>; asked without tools, it answers in text. It records what it was sent.
/// </summary>
internal sealed class ToolCallingModel : IModelCatalog, IChatClient
{
    public const string ModelId = "tool-caller";

    public string? Preamble { get; set; } = "Let me check.";

    public Dictionary<string, object?> Arguments { get; } = new() { ["city"] = "Paris", ["days"] = 3 };

    /// <summary>What the backend reports as its finish reason when it called tools (backends differ).</summary>
    public ChatFinishReason? FinishWhenCalling { get; set; } = ChatFinishReason.ToolCalls;

    public List<ChatMessage>? LastMessages { get; private set; }

    public ChatOptions? LastOptions { get; private set; }

    public IReadOnlyList<ModelInfo> Models { get; } = [new(ModelId, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), 4096)];

    public static string CallId(int i) => $"call_{i}";

    public IChatClient? Find(string modelId) => modelId == ModelId ? this : null;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        (LastMessages, LastOptions) = ([.. messages], options);
        await Task.Yield();
        IList<AITool> tools = options?.Tools is null || options.ToolMode is NoneChatToolMode ? [] : options.Tools;
        if (tools.Count == 0)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, "No tools today.");
            yield return Finish(ChatFinishReason.Stop, 3);
            yield break;
        }
        if (Preamble is not null)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, Preamble);
        }

        for (var i = 0; i < tools.Count; i++)
        {
            // Values as a backend builds them (plain .NET objects), not JSON elements: the server must serialize them.
            yield return new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent(CallId(i), tools[i].Name, new Dictionary<string, object?>(Arguments))]);
        }
        yield return Finish(FinishWhenCalling, 5 + tools.Count);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    /// <summary>The arguments as the client should see them: a JSON object with the same members.</summary>
    public JsonElement ArgumentsJson() => JsonSerializer.SerializeToElement(Arguments);

    private static ChatResponseUpdate Finish(ChatFinishReason? reason, int outputTokens) => new()
    {
        Role = ChatRole.Assistant,
        FinishReason = reason,
        Contents = [new UsageContent(new UsageDetails { InputTokenCount = 11, OutputTokenCount = outputTokens, TotalTokenCount = 11 + outputTokens })],
    };
}
