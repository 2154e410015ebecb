namespace Locus.Privacy.Detectors;

/// <summary>
/// Whether a label such as "BSN" appears shortly before a value. Identifiers whose checksum alone passes too often
/// (1 in 11 nine-digit numbers is a valid BSN) are only reported with their label.
/// </summary>
internal static class NearbyLabel
{
    private const int Window = 40;

    public static bool Precedes(string text, int valueStart, ReadOnlySpan<string> labels)
    {
        var from = Math.Max(0, valueStart - Window);
        var before = text.AsSpan(from, valueStart - from);
        foreach (var label in labels)
        {
            if (before.Contains(label, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
