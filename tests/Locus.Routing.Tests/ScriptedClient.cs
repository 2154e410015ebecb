using System.Runtime.CompilerServices;
using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Tests;

/// <summary>
/// A backend double for policy and execution tests (the real backends have their own suites, and the end-to-end tests
/// use real servers): answers with a function of the prompt, can fail before or during its stream, and reports
/// health and load the way the real ones do.
/// </summary>
internal sealed class ScriptedClient : IChatClient, ITargetHealth, ILoadInfo
{
    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, string> Reply { get; set; } = (m, _) => "ok: " + m[^1].Text;

    public Exception? FailBeforeFirst { get; set; }

    public Exception? FailAfterFirst { get; set; }

    public TargetHealthState Current { get; set; } = TargetHealthState.Healthy;

    public int Running { get; set; }

    public int Queued { get; set; }

    public int Parallel { get; set; } = 1;

    public int ContextLength { get; set; } = 4096;

    /// <summary>What a local engine measured of itself; null as a backend that does not measure.</summary>
    public EngineSnapshot? Engine { get; set; }

    public bool ReportsLoad { get; set; } = true;

    /// <summary>Reported on the last update when the request asks for <see cref="LocusChatOptions.MeasureConfidence"/>, as llama targets do.</summary>
    public GenerationConfidence? Confidence { get; set; }

    public ChatFinishReason FinishReason { get; set; } = ChatFinishReason.Stop;

    public List<IReadOnlyList<ChatMessage>> Calls { get; } = [];

    public List<ChatOptions?> Options { get; } = [];

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        lock (Calls)
        {
            Calls.Add(list);
            Options.Add(options);
        }

        await Task.Yield();
        if (FailBeforeFirst is { } before)
        {
            throw before;
        }

        var text = Reply(list, options);
        for (var i = 0; i < text.Length; i += 3)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, text.Substring(i, Math.Min(3, text.Length - i)));
            if (i == 0 && FailAfterFirst is { } after)
            {
                throw after;
            }
        }

        var measured = options?.AdditionalProperties?.TryGetValue(LocusChatOptions.MeasureConfidence, out var flag) == true && flag is true;
        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            FinishReason = FinishReason,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = 10 * list.Count, OutputTokenCount = text.Length / 3 + 1 })],
            AdditionalProperties = measured && Confidence is { } c ? new() { [GenerationConfidence.PropertyKey] = c } : null,
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ILoadInfo) && !ReportsLoad ? null : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
