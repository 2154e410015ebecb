namespace Locus.Mesh.Tests.Convergence;

/// <summary>
/// Runs a scenario on five nodes: local operations, deltas sent for the receiver's vector at send time and then
/// delivered in any order, twice, or never; partitions hold cross-group messages until healed; nodes collect
/// tombstones on what peers last reported. Then it heals, syncs all pairs from version vectors (which resends what
/// was lost), collects, replays the stale messages still in flight, syncs and collects again.
/// </summary>
internal sealed class Simulation
{
    public const int Nodes = 5;

    private readonly SimNode[] _nodes;
    private readonly List<Message> _inFlight = [];
    private readonly Oracle _oracle = new();
    private int _partitionMask;

    private readonly bool _collect;

    /// <param name="collect">False: no tombstone collection before settling (for laws that hold exactly only on
    /// uncollected states).</param>
    public Simulation(Scenario scenario, bool collect = true)
    {
        _collect = collect;
        _nodes = [.. scenario.SkewsMs.Select((skew, i) => new SimNode(i, skew))];
        foreach (var step in scenario.Steps)
        {
            Apply(step);
        }
    }

    public IReadOnlyList<SimNode> NodeList => _nodes;

    public Oracle Expected => _oracle;

    /// <summary>Tombstones collected before the final settling (so the faults also hit collected state).</summary>
    public int CollectedMidRun { get; private set; }

    public void HealAndSettle()
    {
        _partitionMask = 0;
        SyncAllPairs();
        CollectEverywhere();
        foreach (var stale in _inFlight)
        {
            Deliver(stale, stale.To);
        }

        _inFlight.Clear();
        SyncAllPairs();
        CollectEverywhere();
    }

    private void Apply(Step step)
    {
        var node = _nodes[step.Node];
        switch (step.Kind)
        {
            case StepKind.Op:
                node.Time.Advance(step.Value);
                Operations.Apply(node, step, _oracle);
                break;
            case StepKind.ClockJump:
                node.Time.Advance((step.Value - 4) * 1000L);
                break;
            case StepKind.Send when step.Other % Nodes != step.Node:
                _inFlight.Add(node.DeltasFor(step.Node, step.Other % Nodes, _nodes[step.Other % Nodes]));
                break;
            case StepKind.Deliver or StepKind.Duplicate or StepKind.Drop when _inFlight.Count > 0:
                var index = (step.Node * 36 + step.Key * 9 + step.Value) % _inFlight.Count;
                var message = _inFlight[index];
                if (step.Kind != StepKind.Duplicate)
                {
                    _inFlight.RemoveAt(index);
                }

                if (step.Kind != StepKind.Drop && Group(message.From) == Group(message.To))
                {
                    Deliver(message, message.To);
                }
                else if (step.Kind != StepKind.Drop)
                {
                    _inFlight.Add(message); // across a partition: held until healed
                }

                break;
            case StepKind.Partition:
                _partitionMask = step.Key * 9 + step.Value;
                break;
            case StepKind.Heal:
                _partitionMask = 0;
                break;
            case StepKind.Collect when _collect:
                CollectedMidRun += node.CollectGarbage(Nodes, step.Node);
                break;
            case StepKind.Pull:
                // Anti-entropy: the node asks every peer on its side of the partition for what it lacks, then collects.
                for (var from = 0; from < Nodes; from++)
                {
                    if (from != step.Node && Group(from) == Group(step.Node))
                    {
                        node.Receive(_nodes[from].DeltasFor(from, step.Node, node));
                    }
                }

                if (_collect)
                {
                    CollectedMidRun += node.CollectGarbage(Nodes, step.Node); // as a node would after a sync round
                }

                break;
            default:
                break;
        }
    }

    private int Group(int node) => (_partitionMask >> node) & 1;

    private void Deliver(Message message, int to) => _nodes[to].Receive(message);

    /// <summary>Three rounds of every ordered pair: enough for everything to reach everyone and for every node to
    /// hear every peer's final vector.</summary>
    private void SyncAllPairs()
    {
        for (var round = 0; round < 3; round++)
        {
            for (var to = 0; to < Nodes; to++)
            {
                for (var from = 0; from < Nodes; from++)
                {
                    if (from != to)
                    {
                        _nodes[to].Receive(_nodes[from].DeltasFor(from, to, _nodes[to]));
                    }
                }
            }
        }
    }

    private void CollectEverywhere()
    {
        for (var i = 0; i < Nodes; i++)
        {
            _nodes[i].CollectGarbage(Nodes, i);
        }
    }
}
