using System.Runtime.CompilerServices;
namespace Locus.Privacy.Text;

/// <summary>Bits per character of a string's own character distribution.</summary>
internal static class ShannonEntropy
{
    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double BitsPerChar(ReadOnlySpan<char> value)
    {
        if (value.Length == 0)
        {
            return 0;
        }

        // Secrets are ASCII; anything else shares one bucket, which only lowers the estimate.
        Span<int> counts = stackalloc int[129];
        counts.Clear();
        Span<char> distinct = stackalloc char[129];
        var distinctCount = 0;
        foreach (var c in value)
        {
            var bucket = c < 128 ? c : 128;
            if (counts[bucket]++ == 0)
            {
                distinct[distinctCount++] = (char)bucket;
            }
        }

        // H = log2(n) - (1/n) * sum(c * log2(c)), from a table for the counts that tokens have.
        double weighted = 0;
        foreach (var bucket in distinct[..distinctCount])
        {
            weighted += CountTimesLog2(counts[bucket]);
        }

        return Math.Log2(value.Length) - (weighted / value.Length);
    }

    private static readonly double[] CountLog2Table = Enumerable.Range(0, 1025).Select(c => c == 0 ? 0 : c * Math.Log2(c)).ToArray();

    private static double CountTimesLog2(int count) => count < CountLog2Table.Length ? CountLog2Table[count] : count * Math.Log2(count);
}
