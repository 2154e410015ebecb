using Locus.Core.Abstractions;

namespace Locus.Routing.Memory;

/// <summary>
/// The memory documents one request carries, decided once when it arrives: every selected document for on-device
/// targets, and the subset whose scope allows the cloud for off-device ones. Each target step takes its list with
/// <see cref="For"/>, so a request that starts locally and escalates to the cloud sends the cloud only its part.
/// </summary>
public sealed class MemorySelection
{
    internal MemorySelection(IReadOnlyList<MemoryDocument> local, IReadOnlyList<MemoryDocument> cloud, IReadOnlyList<MemoryDocument> dropped, string? note)
    {
        Local = local;
        Cloud = cloud;
        Dropped = dropped;
        Note = note;
        Tokens = local.Count == 0 ? 0 : MemoryBlock.EstimateTokens(local);
        CloudText = cloud.Count == 0 ? "" : MemoryBlock.Render(cloud);
    }

    public static MemorySelection Empty { get; } = new([], [], [], null);

    /// <summary>What on-device targets get (llama, peers, any target with <c>on_device: true</c>).</summary>
    public IReadOnlyList<MemoryDocument> Local { get; }

    /// <summary>What off-device targets get: the <see cref="MemoryScope.Cloud"/> documents of <see cref="Local"/>, or none when the request may not use the cloud.</summary>
    public IReadOnlyList<MemoryDocument> Cloud { get; }

    /// <summary>Selected but dropped, last-first, to fit <c>memory.max_tokens</c>.</summary>
    public IReadOnlyList<MemoryDocument> Dropped { get; }

    /// <summary>Why a request that asked for memory got less than it asked (never logged with text), or null.</summary>
    public string? Note { get; }

    /// <summary>Estimated tokens of the injected block for on-device targets (the larger of the two).</summary>
    public int Tokens { get; }

    /// <summary>The block off-device targets receive: what the privacy detectors must scan.</summary>
    public string CloudText { get; }

    public bool IsEmpty => Local.Count == 0;

    /// <summary>Documents withheld from off-device targets.</summary>
    public int WithheldFromCloud => Local.Count - Cloud.Count;

    public IReadOnlyList<MemoryDocument> For(bool onDevice) => onDevice ? Local : Cloud;

    /// <summary>"notes, profile": document names for reasons (never their text).</summary>
    public static string Names(IEnumerable<MemoryDocument> documents) => string.Join(", ", documents.Select(d => d.Name));
}
