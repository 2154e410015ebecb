using FsCheck;
using FsCheck.Fluent;
using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Text;

namespace Locus.Mesh.Tests.Text;

/// <summary>Five replicas, random edits and an unreliable network: after a full sync every replica is the same.</summary>
public sealed class TextConvergenceTests
{
    [Fact]
    public void FullSync_RandomEditsAndDelivery_IdenticalTextAndEncoding() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000).WithEndSize(150), Prop.ForAll<(byte, byte, byte, byte)[]>(steps =>
        {
            var network = new TextNetwork(5);
            foreach (var step in steps)
            {
                network.Step(step);
            }

            network.SyncAll();
            return AllEqual(network.Replicas);
        }));

    [Fact]
    public void CollectGarbage_AfterFullSync_StaysIdenticalAndSmaller() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithEndSize(150), Prop.ForAll<(byte, byte, byte, byte)[]>(steps =>
        {
            var network = new TextNetwork(5);
            foreach (var step in steps)
            {
                network.Step(step);
            }

            network.SyncAll();
            var before = network.Replicas[0].Encode().Length;
            var common = VersionVector.Common([.. network.Replicas.Select(r => r.Version)]);
            var deleted = network.Replicas[0].DeleteSet().Sum(r => r.Length);
            var dropped = network.Replicas.Select(r => r.CollectGarbage(common)).ToList();
            var after = network.Replicas[0].Encode().Length;
            var loaded = TextDocument.Decode(network.Replicas[0].Encode(), new ReplicaId(7));
            return AllEqual(network.Replicas) && dropped.All(d => d == deleted) && (deleted == 0 ? after == before : after < before)
                && loaded.ToString() == network.Replicas[0].ToString() && loaded.Encode().AsSpan().SequenceEqual(network.Replicas[0].Encode());
        }));

    [Fact]
    public void Decode_AfterRandomHistory_RoundTripsAndKeepsMerging() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150).WithEndSize(100), Prop.ForAll<(byte, byte, byte, byte)[]>(steps =>
        {
            var network = new TextNetwork(3);
            foreach (var step in steps)
            {
                network.Step(step);
            }

            var original = network.Replicas[1];
            var loaded = TextDocument.Decode(original.Encode(), original.Replica);
            var fresh = new TextDocument(new ReplicaId(5));
            fresh.ApplyAll(loaded.Delta(fresh.Version));
            var deltaRebuilds = fresh.ToString() == loaded.ToString() && fresh.Encode().AsSpan().SequenceEqual(loaded.Encode());
            original.Apply(loaded.Insert(loaded.Length / 2, "new")); // the loaded replica continues its own counters
            return deltaRebuilds && loaded.ToString() == original.ToString() && loaded.Encode().AsSpan().SequenceEqual(original.Encode());
        }));

    private static bool AllEqual(TextDocument[] replicas)
    {
        var text = replicas[0].ToString();
        var encoded = replicas[0].Encode();
        return replicas.All(r => r.PendingCount == 0 && r.ToString() == text && r.Encode().AsSpan().SequenceEqual(encoded) && r.Version.Equals(replicas[0].Version));
    }
}
