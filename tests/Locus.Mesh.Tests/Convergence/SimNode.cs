using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Clocks;
using Locus.Mesh.Crdt.Counters;
using Locus.Mesh.Crdt.Registers;
using Locus.Mesh.Crdt.Sets;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Tests.Clocks;

namespace Locus.Mesh.Tests.Convergence;

/// <summary>A simulated node: one replica of every CRDT type on a skewed physical clock, plus what it last heard of
/// each peer's map version (for tombstone collection, as a real node would only know reported vectors).</summary>
internal sealed class SimNode
{
    public SimNode(int index, long clockSkewMs)
    {
        Id = new ReplicaId(0x9E3779B97F4A7C15UL * (ulong)(index + 1));
        Time = new ManualClock(1_790_000_000_000 + clockSkewMs);
        Clock = new HybridLogicalClock(Id, Time);
        Register = new LwwRegister<string>(Id, Clock, ValueCodecs.String);
        Map = new LwwMap<long>(Id, Clock, ValueCodecs.Int64);
        Set = new OrSet<string>(Id, ValueCodecs.String);
        Counter = new PnCounter(Id);
        Parts =
        [
            new ReplicaPart<LwwRegisterDelta<string>>(Register, new LwwRegisterDeltaCodec<string>(ValueCodecs.String)),
            new ReplicaPart<LwwMapDelta<long>>(Map, new LwwMapDeltaCodec<long>(ValueCodecs.Int64)),
            new ReplicaPart<OrSetDelta<string>>(Set, new OrSetDeltaCodec<string>(ValueCodecs.String)),
            new ReplicaPart<PnCounterDelta>(Counter, PnCounterDeltaCodec.Instance),
        ];
    }

    public ReplicaId Id { get; }

    public ManualClock Time { get; }

    public HybridLogicalClock Clock { get; }

    public LwwRegister<string> Register { get; }

    public LwwMap<long> Map { get; }

    public OrSet<string> Set { get; }

    public PnCounter Counter { get; }

    public IReadOnlyList<IReplicaPart> Parts { get; }

    /// <summary>Peer index → the map version it last reported (carried by every message it sends).</summary>
    public Dictionary<int, VersionVector> KnownMapVersions { get; } = [];

    /// <summary>A message for <paramref name="peer"/>: per type, the delta for the versions the peer has now. As in
    /// pull sync, the peer's vectors arrived as its request, so this node now knows the peer's map version too —
    /// without having the peer's state.</summary>
    public Message DeltasFor(int from, int to, SimNode peer)
    {
        Learn(to, peer.Map.Version);
        return new(from, to, [.. Parts.Select((part, i) => part.DeltaBytesFor(peer.Parts[i].Version))], Map.Version);
    }

    public void Receive(Message message)
    {
        for (var i = 0; i < Parts.Count; i++)
        {
            Parts[i].ApplyDeltaBytes(message.Deltas[i]);
        }

        Learn(message.From, message.SenderMapVersion);
    }

    // Reported vectors only grow; a stale message must not make us forget a newer report.
    private void Learn(int peer, VersionVector reported)
    {
        if (KnownMapVersions.TryGetValue(peer, out var known))
        {
            known.Merge(reported);
        }
        else
        {
            KnownMapVersions[peer] = reported.Clone();
        }
    }

    public int CollectGarbage(int nodeCount, int self)
    {
        var peers = Enumerable.Range(0, nodeCount).Where(i => i != self)
            .Select(i => KnownMapVersions.GetValueOrDefault(i) ?? new VersionVector()).ToList();
        return Map.CollectGarbage(peers);
    }
}

/// <summary>Encoded deltas in flight; may be delivered late, twice, or never.</summary>
internal sealed record Message(int From, int To, byte[][] Deltas, VersionVector SenderMapVersion);
