namespace Locus.Gguf;

/// <summary>
/// Deterministic random weights. Each value is a hash of (seed, tensor, element index), so the
/// output does not depend on how the writer chunks the tensor, and generation is branch-free and fast.
/// </summary>
internal static class RandomValues
{
    /// <summary>Half-width of the uniform distribution: its standard deviation is 0.02, the usual init scale.</summary>
    private const float Scale = 0.02f * 1.7320508f;

    public static GgufValueGenerator Uniform(int seed, int tensorIndex)
    {
        var key = Mix(((ulong)(uint)seed << 32) | (uint)tensorIndex);
        return (first, span) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var bits = Mix(key + (ulong)(first + i)) >> 40; // 24 random bits
                span[i] = ((bits * (2f / (1 << 24))) - 1f) * Scale;
            }
        };
    }

    /// <summary>SplitMix64's finalizer: a cheap, well-distributed 64-bit hash.</summary>
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
