using FsCheck;
using FsCheck.Fluent;
using Locus.Mesh.State;

namespace Locus.Mesh.Tests.State;

/// <summary>
/// Five replicas edit every part concurrently while deltas taken at random moments are delivered in random order, with
/// duplicates, losses and partitions (a random group cut off for a while: what crosses the cut is lost), and collect
/// garbage at random moments; after the heal, a final exchange and a last collection every replica holds the same state
/// and encodes it to the same bytes.
/// </summary>
public sealed class NodeStateConvergenceTests
{
    private const int Runs = 1000;

    [Fact]
    public void Merge_ConcurrentEditsReorderedDuplicatedLostAndPartitioned_ReplicasConvergeToIdenticalEncoding() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Runs), Prop.ForAll(
            ArbMap.Default.ArbFor<(byte, byte, byte)[]>(), ArbMap.Default.ArbFor<int>(), (ops, seed) =>
            {
                var random = new Random(seed);
                var replicas = Enumerable.Range(1, 5).Select(i => StateReplicas.Create((ulong)i)).ToList();
                var inFlight = new List<(NodeState Source, NodeState Target, byte[] Delta)>();
                var spent = new Dictionary<string, long>();
                var cut = new HashSet<NodeState>();
                foreach (var (node, kind, arg) in ops ?? [])
                {
                    Edit(replicas[node % replicas.Count], kind, arg, spent);
                    if (random.Next(3) == 0)
                    {
                        var source = replicas[random.Next(replicas.Count)];
                        var target = replicas[random.Next(replicas.Count)];
                        inFlight.Add((source, target, source.DeltaFor(target.Version)));
                    }

                    if (random.Next(12) == 0)
                    {
                        cut.Clear(); // a new partition replaces the old one (or heals it when empty)
                        cut.UnionWith(replicas.Where(_ => random.Next(3) == 0));
                    }

                    if (random.Next(20) == 0)
                    {
                        // Collection mid-stream, with every other replica's version as it reported it (a lower bound).
                        var collector = replicas[random.Next(replicas.Count)];
                        collector.CollectGarbage([.. replicas.Where(r => r != collector).Select(r => r.Version)]);
                    }

                    if (inFlight.Count > 0 && random.Next(2) == 0)
                    {
                        var index = random.Next(inFlight.Count);
                        var (source, target, delta) = inFlight[index];
                        if (cut.Contains(source) != cut.Contains(target) || random.Next(5) == 0)
                        {
                            inFlight.RemoveAt(index); // lost: across the cut, or dropped
                        }
                        else
                        {
                            target.Merge(delta); // left in flight: it may arrive again
                        }
                    }
                }

                foreach (var (_, target, delta) in inFlight.OrderBy(_ => random.Next()))
                {
                    target.Merge(delta);
                }

                StateReplicas.SyncAll(replicas);
                // Replicas that collected and ones that did not encode deleted text differently until all have collected.
                foreach (var replica in replicas)
                {
                    replica.CollectGarbage([.. replicas.Where(r => r != replica).Select(r => r.Version)]);
                }

                var expected = replicas[0].Encode();
                foreach (var replica in replicas.Skip(1))
                {
                    Assert.Equal(expected, replica.Encode());
                    Assert.Equal(replicas[0].Version, replica.Version);
                }

                foreach (var (key, total) in spent)
                {
                    Assert.All(replicas, r => Assert.Equal(total, r.SpendMicroUsd(key)));
                }

                var reloaded = StateReplicas.Load(expected, 99);
                Assert.Equal(expected, reloaded.Encode());
            }));

    private static void Edit(NodeState state, byte kind, byte arg, Dictionary<string, long> spent)
    {
        var doc = $"d{arg % 3}";
        switch (kind % 9)
        {
            case 0: state.CreateDocument(doc, $"name{arg}"); break;
            case 1:
                if (state.Documents.Any(d => d.Key == doc))
                {
                    state.RenameDocument(doc, $"renamed{arg}");
                }

                break;
            case 2: state.DeleteDocument(doc); break;
            case 3:
                var text = state.Text(doc);
                text.Insert(arg % (text.Length + 1), $"x{arg}");
                break;
            case 4:
                var target = state.Text(doc);
                if (target.Length > 0)
                {
                    target.Delete(arg % target.Length, 1);
                }

                break;
            case 5: state.AppendMessage(new ConversationMessage($"c{arg % 2}", "user", $"m{arg}")); break;
            case 6:
                if (arg % 4 == 0)
                {
                    state.RemovePreference($"p{arg % 3}");
                }
                else
                {
                    state.SetPreference($"p{arg % 3}", $"v{arg}");
                }

                break;
            case 7:
                var key = $"budget{arg % 2}";
                state.AddSpend(key, arg);
                spent[key] = spent.GetValueOrDefault(key) + arg;
                break;
            default:
                state.ReportNode($"node{arg % 3}", new NodeRecord([$"model{arg % 2}"], "laptop", arg / 255.0, 1 - arg / 255.0, arg));
                break;
        }
    }
}
