using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Locus.Mesh.Tests.Convergence;

/// <summary>
/// The acceptance property: five replicas of every type, random operations, delivery in random order with
/// duplication, loss and partitions, then healing through version-vector deltas → every replica holds the same state,
/// encodes it to the same bytes, and that state is the one the operations call for.
/// </summary>
public sealed class ConvergenceTests(ITestOutputHelper output)
{
    public const int Runs = 2000;

    [Fact]
    public void Simulate_RandomOperationsAndFaultyDelivery_AllReplicasConvergeToExpectedState()
    {
        var runsWithMidRunCollection = 0;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Runs), Prop.ForAll(Scenario.Arbitrary, scenario =>
        {
            var simulation = new Simulation(scenario);
            runsWithMidRunCollection += simulation.CollectedMidRun > 0 ? 1 : 0;
            simulation.HealAndSettle();
            AssertConverged(simulation);
        }));

        output.WriteLine($"{Runs} runs, {runsWithMidRunCollection} collected tombstones before settling");
        // The runs must actually exercise collection racing with stale and lost messages, not only the easy end.
        Assert.True(runsWithMidRunCollection > Runs / 20, $"only {runsWithMidRunCollection} of {Runs} runs collected tombstones mid-run");
    }

    private static void AssertConverged(Simulation simulation)
    {
        var nodes = simulation.NodeList;
        var first = nodes[0];
        foreach (var node in nodes.Skip(1))
        {
            for (var part = 0; part < first.Parts.Count; part++)
            {
                Assert.Equal(first.Parts[part].State(), node.Parts[part].State());
            }

            Assert.Equal(first.Parts.Select(p => p.Version), node.Parts.Select(p => p.Version));
        }

        var expected = simulation.Expected;
        Assert.Equal(expected.Register?.Stamp, first.Register.Current?.Stamp);
        Assert.Equal(expected.MapItems, first.Map.Items);
        Assert.Equal(0, first.Map.TombstoneCount);
        Assert.Equal(expected.SetElements, first.Set.Elements.Order(StringComparer.Ordinal));
        Assert.Equal(expected.CounterValue, first.Counter.Value);
    }
}
