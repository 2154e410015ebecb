using Locus.Mesh.Crdt;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Tests.Crdt;

public sealed class VersionVectorTests
{
    private static readonly ReplicaId A = new(1), B = new(2), C = new(3);

    private static VersionVector Of(params (ReplicaId Replica, ulong Counter)[] entries)
    {
        var vector = new VersionVector();
        foreach (var (replica, counter) in entries)
        {
            vector.Observe(new Dot(replica, counter));
        }

        return vector;
    }

    [Fact]
    public void Merge_TwoVectors_PointwiseMaximum()
    {
        var left = Of((A, 3), (B, 1));
        left.Merge(Of((B, 4), (C, 2)));

        Assert.Equal(Of((A, 3), (B, 4), (C, 2)), left);
    }

    [Fact]
    public void Dominates_SubsetAndConcurrent()
    {
        Assert.True(Of((A, 3), (B, 1)).Dominates(Of((A, 2))));
        Assert.False(Of((A, 3)).Dominates(Of((A, 2), (B, 1))));
        Assert.True(Of((A, 3)).Includes(new Dot(A, 3)));
        Assert.False(Of((A, 3)).Includes(new Dot(A, 4)));
    }

    [Fact]
    public void Common_SeveralVectors_PointwiseMinimum()
    {
        var common = VersionVector.Common([Of((A, 3), (B, 5)), Of((A, 1), (B, 7), (C, 1)), Of((A, 2), (B, 6))]);

        Assert.Equal(Of((A, 1), (B, 5)), common);
    }

    [Fact]
    public void WriteTo_ReadFrom_RoundTrips()
    {
        var vector = Of((A, 3), (new ReplicaId(ulong.MaxValue), 1UL << 40));
        var writer = new VarWriter();
        vector.WriteTo(writer);
        var reader = new VarReader(writer.ToArray());

        Assert.Equal(vector, VersionVector.ReadFrom(ref reader));
        Assert.True(reader.End);
    }
}
