namespace Locus.Mesh.Tests.Convergence;

/// <summary>The local operations a step can make (<see cref="Step.Other"/> picks which), recorded in the oracle.
/// Each write's clock reading must be later than every reading the node had given out or received before.</summary>
internal static class Operations
{
    public static void Apply(SimNode node, Step step, Oracle oracle)
    {
        var before = node.Clock.Last;
        var key = $"k{step.Key % 2}"; // few keys: writes and removes contend
        var element = $"e{step.Key}";
        switch (step.Other)
        {
            case 0 or 1:
                if (step.Other == 0)
                {
                    node.Register.Set($"v{step.Value}");
                }
                else
                {
                    node.Register.Clear();
                }

                oracle.RegisterWrite(Later(before, node.Register.Current!.Value));
                break;
            case 2 or 3 or 8 or 9:
                if (step.Other is 2 or 8)
                {
                    node.Map.Set(key, step.Value);
                }
                else
                {
                    node.Map.Remove(key);
                }

                oracle.MapWrite(key, Later(before, node.Map.EntryOf(key)!.Value));
                break;
            case 4:
                var observed = node.Set.DotsOf(element);
                node.Set.Add(element);
                oracle.SetAdd(element, observed, node.Set.DotsOf(element));
                break;
            case 5:
                oracle.SetRemove(node.Set.DotsOf(element));
                node.Set.Remove(element);
                break;
            case 6:
                node.Counter.Increment((ulong)step.Value + 1);
                oracle.CounterValue += step.Value + 1;
                break;
            default:
                node.Counter.Decrement((ulong)step.Value + 1);
                oracle.CounterValue -= step.Value + 1;
                break;
        }
    }

    private static Locus.Mesh.Crdt.Registers.LwwEntry<T> Later<T>(Locus.Mesh.Crdt.Clocks.HlcTimestamp before, Locus.Mesh.Crdt.Registers.LwwEntry<T> entry) =>
        entry.Stamp > before ? entry : throw new InvalidOperationException($"clock went backwards: {entry.Stamp} after {before}");
}
