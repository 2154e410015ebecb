namespace Locus.Llama.Engine;

/// <summary>The vector arithmetic every embedding answer shares.</summary>
internal static class EmbeddingVectors
{
    /// <summary>
    /// The first <paramref name="dimensions"/> values scaled to unit length (Matryoshka truncation: cut, then normalise
    /// again). A zero vector stays zero, as llama.cpp leaves it.
    /// </summary>
    public static float[] Normalized(ReadOnlySpan<float> vector, int dimensions)
    {
        var kept = vector[..dimensions];
        var sum = 0.0;
        foreach (var value in kept)
        {
            sum += (double)value * value;
        }

        var scale = sum > 0 ? 1.0 / Math.Sqrt(sum) : 0.0;
        var result = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            result[i] = (float)(kept[i] * scale);
        }

        return result;
    }
}
