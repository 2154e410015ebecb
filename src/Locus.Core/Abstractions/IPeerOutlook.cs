namespace Locus.Core.Abstractions;

/// <summary>
/// What this node last heard from its mesh peers about their state, for delegation: a peer that is hot or busy, or
/// has not been heard from lately, is not better placed than this device. Implemented from the mesh's replicated
/// node directory; routing works without it (peers are then judged by their health alone).
/// </summary>
public interface IPeerOutlook
{
    /// <summary>The latest report for the peer configured as target <paramref name="targetName"/>; null when none.</summary>
    PeerReport? Report(string targetName);
}

/// <summary>One peer's self-description as last replicated.</summary>
public sealed record PeerReport
{
    /// <summary>How much thermal headroom the peer has left: 1 cold, 0 at its throttling limit.</summary>
    public required double ThermalHeadroom { get; init; }

    /// <summary>How busy its local models are: 0 idle, 1 every slot and queue place taken.</summary>
    public required double Load { get; init; }

    /// <summary>The model ids it serves.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>When the peer made this report (its clock, as replicated).</summary>
    public required DateTimeOffset SeenAt { get; init; }
}
