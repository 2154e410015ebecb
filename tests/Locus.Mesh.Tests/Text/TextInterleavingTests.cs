using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Text;

namespace Locus.Mesh.Tests.Text;

/// <summary>Concurrent inserts at one place: deterministic, and never interleaved character by character.</summary>
public sealed class TextInterleavingTests
{
    private static (TextDocument A, TextDocument B) Pair(string start)
    {
        var a = new TextDocument(new ReplicaId(1));
        var b = new TextDocument(new ReplicaId(2));
        if (start.Length > 0)
        {
            b.Apply(a.Insert(0, start));
        }

        return (a, b);
    }

    private static void Exchange(TextDocument a, TextDocument b)
    {
        var toB = a.Delta(b.Version);
        var toA = b.Delta(a.Version);
        b.ApplyAll(toB);
        a.ApplyAll(toA);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("[]", 1)]
    [InlineData("ab", 2)]
    public void ConcurrentRuns_SamePlace_OneAfterTheOther(string start, int position)
    {
        var (a, b) = Pair(start);
        a.Insert(position, "alpha");
        b.Insert(position, "BETA");
        Exchange(a, b);
        Assert.Equal(a.ToString(), b.ToString());
        var merged = a.ToString();
        Assert.True(merged.Contains("alpha", StringComparison.Ordinal) && merged.Contains("BETA", StringComparison.Ordinal), merged);
        Assert.Equal(a.Encode(), b.Encode());
    }

    [Fact]
    public void ConcurrentTyping_CharByCharForward_DoesNotInterleave()
    {
        var (a, b) = Pair("[]");
        for (var i = 0; i < 5; i++)
        {
            a.Insert(1 + i, "abcde"[i].ToString());
            b.Insert(1 + i, "VWXYZ"[i].ToString());
            a.Insert(1 + i + 1, "!"); // a local insert after that breaks the run, so each char is its own item
            a.Delete(1 + i + 1, 1);
        }

        Exchange(a, b);
        Assert.Equal(a.ToString(), b.ToString());
        Assert.Contains(a.ToString(), new[] { "[abcdeVWXYZ]", "[VWXYZabcde]" });
    }

    [Fact]
    public void ConcurrentTyping_CharByCharBackward_DoesNotInterleave()
    {
        var (a, b) = Pair("[]");
        for (var i = 0; i < 5; i++)
        {
            a.Insert(1, "edcba"[i].ToString());
            b.Insert(1, "ZYXWV"[i].ToString());
        }

        Exchange(a, b);
        Assert.Equal(a.ToString(), b.ToString());
        Assert.Contains(a.ToString(), new[] { "[abcdeVWXYZ]", "[VWXYZabcde]" });
    }

    [Fact]
    public void ConcurrentInserts_ThreeReplicas_SameOrderWhateverTheDelivery()
    {
        var replicas = Enumerable.Range(1, 3).Select(i => new TextDocument(new ReplicaId((ulong)i * 7919))).ToArray();
        var start = replicas[0].Insert(0, "<>");
        var ops = new List<TextOp> { start };
        for (var i = 1; i < 3; i++)
        {
            replicas[i].Apply(start);
        }

        for (var i = 0; i < 3; i++)
        {
            ops.Add(replicas[i].Insert(1, $"r{i}r{i}"));
        }

        var orders = new[] { new[] { 1, 2, 3 }, new[] { 3, 2, 1 }, new[] { 2, 3, 1 } };
        var results = orders.Select(order =>
        {
            var fresh = new TextDocument(new ReplicaId(99));
            fresh.Apply(start);
            foreach (var index in order)
            {
                fresh.Apply(ops[index]);
            }

            return fresh.ToString();
        }).ToList();
        Assert.All(results, r => Assert.Equal(results[0], r));
        Assert.Equal(2 + 12, results[0].Length);
    }

    [Fact]
    public void ConcurrentInsertAndDelete_OfTheNeighbours_KeepsInsert()
    {
        var (a, b) = Pair("abc");
        a.Delete(0, 3);
        b.Insert(2, "X");
        Exchange(a, b);
        Assert.Equal("X", a.ToString());
        Assert.Equal("X", b.ToString());
    }
}
