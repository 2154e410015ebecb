using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Text;

namespace Locus.Mesh.Tests.Text;

/// <summary>
/// Replicas exchanging text operations over an unreliable network driven by a script of small numbers: messages can
/// be delivered in any order, duplicated or lost, and a partition drops what crosses it; lost messages come back through
/// version-vector deltas.
/// </summary>
internal sealed class TextNetwork
{
    private const string Alphabet = "abcxyz é😀\n";
    private readonly List<(int From, int To, TextOp Op)> _inFlight = [];
    private bool _partitioned;

    public TextNetwork(int replicas) =>
        Replicas = [.. Enumerable.Range(0, replicas).Select(i => new TextDocument(new ReplicaId(0x9E3779B97F4A7C15UL * (ulong)(i + 1))))];

    public TextDocument[] Replicas { get; }

    public void Step((byte Kind, byte A, byte B, byte C) step)
    {
        var replica = step.A % Replicas.Length;
        switch (step.Kind % 8)
        {
            case 0 or 1 or 2:
                Broadcast(replica, Insert(Replicas[replica], step.B, step.C));
                break;
            case 3:
                if (Replicas[replica].Length > 0)
                {
                    var doc = Replicas[replica];
                    var position = step.B % doc.Length;
                    Broadcast(replica, doc.Delete(position, 1 + (step.C % Math.Min(4, doc.Length - position))));
                }

                break;
            case 4 or 5:
                Deliver(step.B, duplicate: step.C % 5 == 0, lose: step.C % 7 == 0);
                break;
            case 6:
                _partitioned = !_partitioned;
                break;
            default:
                var to = step.B % Replicas.Length;
                if (to != replica && !Separated(replica, to))
                {
                    Replicas[to].ApplyAll(Replicas[replica].Delta(Replicas[to].Version));
                }

                break;
        }
    }

    /// <summary>Heals the partition and syncs every pair by deltas until nothing changes.</summary>
    public void SyncAll()
    {
        _partitioned = false;
        for (var round = 0; round < 3; round++)
        {
            foreach (var from in Replicas)
            {
                foreach (var to in Replicas)
                {
                    if (from != to)
                    {
                        to.ApplyAll(from.Delta(to.Version));
                    }
                }
            }
        }
    }

    private static TextInsert Insert(TextDocument doc, byte b, byte c)
    {
        var length = 1 + (c % 4);
        var text = string.Concat(Enumerable.Range(0, length).Select(i => char.IsSurrogate(Alphabet, (c + i) % Alphabet.Length) ? "😀" : Alphabet[(c + i) % Alphabet.Length].ToString()));
        return doc.Insert(b % (doc.Length + 1), text);
    }

    private void Broadcast(int from, TextOp op)
    {
        for (var to = 0; to < Replicas.Length; to++)
        {
            if (to != from)
            {
                _inFlight.Add((from, to, op));
            }
        }
    }

    private void Deliver(byte pick, bool duplicate, bool lose)
    {
        if (_inFlight.Count == 0)
        {
            return;
        }

        var index = pick % _inFlight.Count;
        var (from, to, op) = _inFlight[index];
        if (!duplicate)
        {
            _inFlight.RemoveAt(index);
        }

        if (lose || Separated(from, to))
        {
            return;
        }

        Replicas[to].Apply(op);
    }

    // Replicas 0 and 1 on one side, the rest on the other: what crosses is lost while partitioned.
    private bool Separated(int a, int b) => _partitioned && (a < 2) != (b < 2);
}
