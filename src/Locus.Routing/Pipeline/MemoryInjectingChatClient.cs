using Locus.Routing.Memory;
using Locus.Routing.Policy;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Locus.Routing.Pipeline;

/// <summary>
/// Puts the request's memory documents in front of the messages: every selected document on a target of this
/// device, only the cloud-scoped ones elsewhere (the rest are withheld by policy). Runs before redaction, so memory
/// that leaves the device is redacted like the prompt.
/// </summary>
internal sealed class MemoryInjectingChatClient(IChatClient inner, ILogger logger) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(Inject(messages, options), options, cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(Inject(messages, options), options, cancellationToken);

    private IEnumerable<ChatMessage> Inject(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (TargetChatOptions.CallOf(options) is not { Memory.IsEmpty: false } call)
        {
            return messages;
        }

        var memory = call.Memory;
        var onDevice = call.Target.OnDevice;
        var documents = memory.For(onDevice);
        call.Observer.Note("memory", Explain(memory, documents, onDevice, call.Label));
        Log.MemoryInjected(logger, call.Label, documents.Count, onDevice ? 0 : memory.WithheldFromCloud);
        if (documents.Count == 0)
        {
            return messages;
        }

        if (logger.IsEnabled(LogLevel.Trace))
        {
            var block = MemoryBlock.Render(documents);
            Log.MemoryText(logger, call.Label, block);
        }

        return MemoryInjector.Inject(messages as IReadOnlyList<ChatMessage> ?? [.. messages], documents);
    }

    private static string Explain(MemorySelection memory, IReadOnlyList<Core.Abstractions.MemoryDocument> documents, bool onDevice, string label)
    {
        var injected = $"{MemorySignal.Count(documents.Count)} ({MemorySelection.Names(documents)})";
        if (onDevice)
        {
            return $"injected {injected} locally ({label})";
        }

        var sent = documents.Count == 0 ? "none injected" : $"injected {injected} into {label}";
        var withheld = memory.WithheldFromCloud == 0 ? "" : $"; {memory.WithheldFromCloud} withheld from cloud target {label} by policy";
        return sent + withheld;
    }
}
