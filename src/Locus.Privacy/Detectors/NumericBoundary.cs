using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>Whether a number can begin at a position rather than continue a code, a decimal or a longer number.</summary>
internal static class NumericBoundary
{
    public static bool StartsValue(string text, int start)
    {
        var before = Chars.At(text, start - 1);
        if (Chars.IsAlnum(before) || before is '+' or '-' or '.' or '/' or '_' or '#' or '$' or '€' or '£' or '%' or '&' or ',')
        {
            return false;
        }

        // "... 4111 1111": a digit one space back means this group continues an earlier number.
        return !(before is ' ' or '(' && char.IsAsciiDigit(Chars.At(text, start - 2)));
    }
}
