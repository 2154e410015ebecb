using System.Numerics;

namespace Locus.Routing.Learning;

/// <summary>
/// FNV-1a over UTF-16 code units with a murmur3 finalizer: fast, allocation-free and stable across processes and
/// platforms (string.GetHashCode is randomized per process, so it cannot address saved weights).
/// </summary>
internal static class FeatureHash
{
    public const uint Offset = 2166136261;
    private const uint Prime = 16777619;

    public static uint Step(uint hash, char c) => (hash ^ c) * Prime;

    public static uint Of(ReadOnlySpan<char> text, uint seed)
    {
        var hash = Offset ^ seed;
        foreach (var c in text)
        {
            hash = Step(hash, c);
        }

        return hash;
    }

    public static uint Combine(uint first, uint second) => BitOperations.RotateLeft(first * 0x9E3779B1u, 13) ^ second;

    /// <summary>Spreads low-entropy FNV states over all bits before masking to the bucket count.</summary>
    public static uint Finalize(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        hash ^= hash >> 16;
        return hash;
    }
}
