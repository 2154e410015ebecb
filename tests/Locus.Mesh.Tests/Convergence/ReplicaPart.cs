using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Sync;

namespace Locus.Mesh.Tests.Convergence;

/// <summary>One CRDT of a simulated node, seen the way sync sees it: vectors in, encoded deltas out and in.</summary>
internal interface IReplicaPart
{
    VersionVector Version { get; }

    byte[] DeltaBytesFor(VersionVector peerHas);

    void ApplyDeltaBytes(byte[] delta);

    byte[] State();
}

internal sealed class ReplicaPart<TDelta>(IDeltaCrdt<TDelta> crdt, IDeltaCodec<TDelta> codec) : IReplicaPart
{
    public VersionVector Version => crdt.Version;

    public byte[] DeltaBytesFor(VersionVector peerHas) => DeltaCodec.ToBytes(codec, crdt.DeltaFor(peerHas));

    public void ApplyDeltaBytes(byte[] delta) => crdt.Merge(DeltaCodec.FromBytes(codec, delta));

    public byte[] State() => DeltaCodec.EncodeState(crdt);
}
