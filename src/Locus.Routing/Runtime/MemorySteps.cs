using Locus.Routing.Memory;
using Locus.Routing.Policy;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Locus.Routing.Runtime;

/// <summary>
/// The messages each target step of one request sends: with every selected memory document for on-device targets,
/// with only the cloud-scoped ones for the others. Per step, because one request can run locally and then fall back
/// or escalate to the cloud. Injection happens before redaction, so memory going out is redacted like the prompt.
/// </summary>
internal sealed class MemorySteps(MemorySelection memory, IReadOnlyList<ChatMessage> messages, RouteTicket ticket, ILogger logger)
{
    private IReadOnlyList<ChatMessage>? _local;
    private IReadOnlyList<ChatMessage>? _cloud;

    public IReadOnlyList<ChatMessage> For(RouteTarget target) => For(target.OnDevice, target.Name);

    /// <summary>The messages for a step that runs on this device (e.g. an ensemble of local members).</summary>
    public IReadOnlyList<ChatMessage> ForLocal(string label) => For(onDevice: true, label);

    private IReadOnlyList<ChatMessage> For(bool onDevice, string target)
    {
        if (memory.IsEmpty)
        {
            return messages;
        }

        var documents = memory.For(onDevice);
        if (onDevice)
        {
            ticket.Note("memory", $"injected {MemorySignal.Count(documents.Count)} ({MemorySelection.Names(documents)}) locally ({target})");
        }
        else
        {
            var injected = documents.Count == 0 ? "none injected" : $"injected {MemorySignal.Count(documents.Count)} ({MemorySelection.Names(documents)}) into {target}";
            var withheld = memory.WithheldFromCloud == 0 ? "" : $"; {memory.WithheldFromCloud} withheld from cloud target {target} by policy";
            ticket.Note("memory", injected + withheld);
        }

        Log.MemoryInjected(logger, target, documents.Count, onDevice ? 0 : memory.WithheldFromCloud);
        if (documents.Count == 0)
        {
            return messages;
        }

        if (logger.IsEnabled(LogLevel.Trace))
        {
            var block = MemoryBlock.Render(documents);
            Log.MemoryText(logger, target, block);
        }

        return onDevice
            ? _local ??= MemoryInjector.Inject(messages, documents)
            : _cloud ??= MemoryInjector.Inject(messages, documents);
    }
}
