using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Clocks;
using Locus.Mesh.State;

namespace Locus.Mesh.Tests.State;

/// <summary>A clock whose wall time the test moves, so HLC order is under the test's control.</summary>
internal sealed class ManualTime(long startMs) : TimeProvider
{
    public long NowMs { get; set; } = startMs;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(NowMs);
}

internal static class StateReplicas
{
    public static NodeState Create(ulong id, TimeProvider? time = null) =>
        new(new ReplicaId(id), new HybridLogicalClock(new ReplicaId(id), time ?? TimeProvider.System));

    public static NodeState Load(byte[] state, ulong id) =>
        NodeState.Load(state, new ReplicaId(id), new HybridLogicalClock(new ReplicaId(id), TimeProvider.System));

    /// <summary>Catches <paramref name="target"/> up with <paramref name="source"/> through bytes, as sync does.</summary>
    public static void Sync(NodeState source, NodeState target) => target.Merge(source.DeltaFor(target.Version));

    public static void SyncAll(IReadOnlyList<NodeState> replicas)
    {
        for (var round = 0; round < 2; round++)
        {
            foreach (var source in replicas)
            {
                foreach (var target in replicas.Where(r => r != source))
                {
                    Sync(source, target);
                }
            }
        }
    }
}
