namespace Locus.Privacy.Detectors;

/// <summary>
/// PEM blocks that are public by design (<c>CERTIFICATE</c>, <c>PUBLIC KEY</c>, <c>CERTIFICATE REQUEST</c> ...): their
/// base64 lines look exactly like secrets, and pasting a certificate is common and harmless.
/// </summary>
internal static class PublicPemBlocks
{
    private const string Begin = "-----BEGIN ";

    /// <returns>(start, end) of each public block in order; empty (no allocation) when the text has none.</returns>
    public static IReadOnlyList<(int Start, int End)> Find(string text)
    {
        var position = text.IndexOf(Begin, StringComparison.Ordinal);
        if (position < 0)
        {
            return [];
        }

        var blocks = new List<(int, int)>();
        while (position >= 0)
        {
            var labelStart = position + Begin.Length;
            var labelEnd = text.IndexOf("-----", labelStart, StringComparison.Ordinal);
            if (labelEnd < 0 || labelEnd - labelStart > 48)
            {
                break;
            }

            var label = text.AsSpan(labelStart, labelEnd - labelStart);
            var footer = $"-----END {label}-----";
            var end = text.IndexOf(footer, labelEnd, StringComparison.Ordinal);
            if (!label.Contains("PRIVATE", StringComparison.Ordinal) && end > 0)
            {
                blocks.Add((position, end + footer.Length));
            }

            position = text.IndexOf(Begin, labelEnd, StringComparison.Ordinal);
        }

        return blocks;
    }

    public static bool Contains(IReadOnlyList<(int Start, int End)> blocks, int index)
    {
        foreach (var (start, end) in blocks)
        {
            if (index >= start && index < end)
            {
                return true;
            }
        }

        return false;
    }
}
