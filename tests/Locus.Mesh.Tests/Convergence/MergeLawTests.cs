using FsCheck;
using FsCheck.Fluent;

namespace Locus.Mesh.Tests.Convergence;

/// <summary>
/// Merge is a join on every type: commutative, associative, idempotent, and a delta for a peer's vector has the same
/// effect as the whole state. States come from random runs (shared and divergent history, clock skew, lost and stale
/// messages) without tombstone collection: collection drops state every replica has seen, so it holds only up to
/// the tombstones collected.
/// </summary>
public sealed class MergeLawTests
{
    public const int Runs = 1000;

    [Fact]
    public void Merge_StatesFromRandomRuns_CommutativeAssociativeIdempotentAndDeltaEqualsState() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Runs), Prop.ForAll(Scenario.Arbitrary, scenario =>
        {
            var nodes = new Simulation(scenario, collect: false).NodeList;
            for (var part = 0; part < nodes[0].Parts.Count; part++)
            {
                var (a, b, c) = (nodes[0].Parts[part], nodes[1].Parts[part], nodes[2].Parts[part]);
                Assert.Equal(Join(part, a, b), Join(part, b, a));
                Assert.Equal(Join(part, Joined(part, a, b), c), Join(part, a, Joined(part, b, c)));
                Assert.Equal(a.State(), Join(part, a, a));

                var viaDelta = Joined(part, a);
                viaDelta.ApplyDeltaBytes(b.DeltaBytesFor(viaDelta.Version));
                viaDelta.ApplyDeltaBytes(b.DeltaBytesFor(viaDelta.Version));
                Assert.Equal(Join(part, a, b), viaDelta.State());
            }
        }));

    private static byte[] Join(int part, params IReplicaPart[] states) => Joined(part, states).State();

    /// <summary>A fresh replica (its own id) that has merged the given states in order.</summary>
    private static IReplicaPart Joined(int part, params IReplicaPart[] states)
    {
        var fresh = new SimNode(7, 0).Parts[part];
        foreach (var state in states)
        {
            fresh.ApplyDeltaBytes(state.State());
        }

        return fresh;
    }
}
