namespace Locus.Routing.Learning;

/// <summary>A feature vector as parallel (bucket, value) arrays; buckets are distinct, in no particular order.</summary>
public sealed class SparseVector
{
    private readonly int[] indices;
    private readonly float[] values;

    public SparseVector(int[] indices, float[] values)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(values);
        if (indices.Length != values.Length)
        {
            throw new ArgumentException("Indices and values must have the same length.", nameof(values));
        }

        this.indices = indices;
        this.values = values;
    }

    public ReadOnlySpan<int> Indices => indices;

    public ReadOnlySpan<float> Values => values;

    public int Count => indices.Length;

    public double Dot(ReadOnlySpan<float> weights)
    {
        var sum = 0.0;
        for (var i = 0; i < indices.Length; i++)
        {
            sum += weights[indices[i]] * values[i];
        }

        return sum;
    }
}
