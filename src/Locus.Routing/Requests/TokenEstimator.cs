namespace Locus.Routing.Requests;

/// <summary>
/// A tokenizer-free token count. BPE vocabularies of current models average about four characters of English per
/// token and fewer for code and non-Latin scripts; this leans high (3.5 for ASCII, 1.5 for other text) so that a
/// request near a context limit is escalated rather than overflowing.
/// </summary>
public static class TokenEstimator
{
    public static int Estimate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        var nonAscii = span.Length - CountAscii(span);
        return (int)Math.Ceiling((span.Length - nonAscii) / 3.5 + nonAscii / 1.5);
    }

    private static int CountAscii(ReadOnlySpan<char> span)
    {
        var index = span.IndexOfAnyExceptInRange('\0', '\x7f');
        if (index < 0)
        {
            return span.Length;
        }

        var count = index;
        foreach (var c in span[index..])
        {
            if (c < 0x80)
            {
                count++;
            }
        }

        return count;
    }
}
