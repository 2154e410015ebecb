using FsCheck;
using FsCheck.Fluent;

namespace Locus.Mesh.Tests.Convergence;

internal enum StepKind { Op, ClockJump, Send, Deliver, Duplicate, Drop, Partition, Heal, Collect, Pull }

/// <summary>One simulation step; the fields are interpreted by kind (see <see cref="Simulation"/>).</summary>
internal sealed record Step(StepKind Kind, int Node, int Other, int Key, int Value)
{
    public override string ToString() => $"{Kind}({Node},{Other},{Key},{Value})";
}

/// <summary>A run: each node's physical clock skew, then the steps.</summary>
internal sealed record Scenario(long[] SkewsMs, IReadOnlyList<Step> Steps)
{
    public override string ToString() => $"skews [{string.Join(",", SkewsMs)}] steps [{string.Join(" ", Steps)}]";

    private static readonly Gen<StepKind> Kinds = Gen.Frequency(
        (10, Gen.Constant(StepKind.Op)), (1, Gen.Constant(StepKind.ClockJump)), (6, Gen.Constant(StepKind.Send)),
        (6, Gen.Constant(StepKind.Deliver)), (1, Gen.Constant(StepKind.Duplicate)), (1, Gen.Constant(StepKind.Drop)),
        (1, Gen.Constant(StepKind.Partition)), (1, Gen.Constant(StepKind.Heal)), (3, Gen.Constant(StepKind.Collect)),
        (5, Gen.Constant(StepKind.Pull)));

    private static readonly Gen<Step> Steps1 =
        from kind in Kinds
        from node in Gen.Choose(0, Simulation.Nodes - 1)
        from other in Gen.Choose(0, 9)
        from key in Gen.Choose(0, 3)
        from value in Gen.Choose(0, 8)
        select new Step(kind, node, other, key, value);

    /// <summary>Clock skews of up to ±3 s between nodes, and 20–80 steps (small runs, so thousands fit in CI).</summary>
    public static Arbitrary<Scenario> Arbitrary { get; } = Arb.From(
        from skews in Gen.ArrayOf(Gen.Choose(-3000, 3000), Simulation.Nodes)
        from count in Gen.Choose(20, 80)
        from steps in Gen.ListOf(Steps1, count)
        select new Scenario([.. skews.Select(s => (long)s)], [.. steps]));
}
