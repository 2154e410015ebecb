using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Clocks;
using Locus.Mesh.Crdt.Registers;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Tests.Clocks;

namespace Locus.Mesh.Tests.Registers;

/// <summary>Replicas on their own hand-set clocks.</summary>
internal static class Replicas
{
    public static (LwwMap<string> Map, ManualClock Time) Map(ulong id, long skewMs = 0)
    {
        var time = new ManualClock(1_790_000_000_000 + skewMs);
        return (new LwwMap<string>(new ReplicaId(id), new HybridLogicalClock(new ReplicaId(id), time), ValueCodecs.String), time);
    }

    public static (LwwRegister<string> Register, ManualClock Time) Register(ulong id, long skewMs = 0)
    {
        var time = new ManualClock(1_790_000_000_000 + skewMs);
        return (new LwwRegister<string>(new ReplicaId(id), new HybridLogicalClock(new ReplicaId(id), time), ValueCodecs.String), time);
    }

    /// <summary>Brings <paramref name="target"/> up to date with <paramref name="source"/> as sync would.</summary>
    public static void Sync<TDelta>(IDeltaCrdt<TDelta> source, IDeltaCrdt<TDelta> target) => target.Merge(source.DeltaFor(target.Version));
}
