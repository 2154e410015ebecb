using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>
/// Which digit-group shapes are phone numbers. Separators are required (a bare digit run is an id, an amount or a
/// timestamp far more often than a phone number), and national formats need their trunk prefix or area code shape.
/// </summary>
internal static class PhoneRules
{
    /// <returns>How many leading groups of <paramref name="shape"/> form a phone number (the most that do), or 0.</returns>
    public static int MatchingGroups(string text, in NumberShape shape)
    {
        for (var k = shape.Count; k >= 1; k--)
        {
            // Stopping early is only plausible at a space ("call +44 20 7946 0958 2 times"); '-' or '.' continue a code.
            if (k < shape.Count ? shape[k].SeparatorBefore != ' ' : Chars.IsAlnumAt(text, shape[k - 1].End))
            {
                continue;
            }

            if (shape.Plus ? IsInternational(shape, k) : IsNorthAmerican(text, shape, k) || IsNationalWithTrunk(text, shape, k))
            {
                return k;
            }
        }

        return 0;
    }

    /// <summary>E.164 as written: <c>+</c>, country code, 9-15 digits in all, grouped any usual way.</summary>
    private static bool IsInternational(in NumberShape shape, int k)
    {
        var digits = shape.DigitCount(k);
        if (digits is < 9 or > 15 || shape[0].Parenthesized || (k == 1 && digits < 10) || (k > 1 && shape[0].Length > 4))
        {
            return false;
        }

        var singles = 0;
        for (var g = 0; g < k; g++)
        {
            singles += shape[g].Length == 1 ? 1 : 0;
        }

        return singles <= 2;
    }

    /// <summary>NANP: <c>(555) 123-4567</c>, <c>555-123-4567</c>, <c>555.123.4567</c>, <c>1-800-555-0199</c>.</summary>
    private static bool IsNorthAmerican(string text, in NumberShape shape, int k)
    {
        var first = 0;
        if (k == 4 && shape[0].Length == 1 && text[shape[0].Start] == '1' && !shape[0].Parenthesized)
        {
            first = 1;
        }

        if (k - first != 3)
        {
            return false;
        }

        var area = shape[first];
        var exchange = shape[first + 1];
        var line = shape[first + 2];
        if (area.Length != 3 || exchange.Length != 3 || line.Length != 4 || exchange.Parenthesized || line.Parenthesized
            || text[area.Start] is '0' or '1' || !IsSeparator(line.SeparatorBefore, "-. "))
        {
            return false;
        }

        return area.Parenthesized
            ? exchange.SeparatorBefore is ' ' or '\0'
            : exchange.SeparatorBefore == line.SeparatorBefore;
    }

    /// <summary>
    /// Numbers with a national trunk 0 (UK <c>020 7946 0958</c>, DE <c>030 12345678</c>, FR <c>01 23 45 67 89</c>):
    /// 10-12 digits, groups of two or more, one kind of separator throughout, and nothing more of the same kind
    /// after them. (Nine digits would admit US ZIP+4 codes such as 02110-1301; a longer run of pairs is a hex dump.)
    /// </summary>
    private static bool IsNationalWithTrunk(string text, in NumberShape shape, int k)
    {
        var first = shape[0];
        if (k != shape.Count || k is < 2 or > 6 || first.Length is < 2 or > 5 || text[first.Start] != '0' || text[first.Start + 1] == '0'
            || (IsAllPairs(shape, k) && !IsFrenchStyle(text, shape, k)))
        {
            return false;
        }

        var digits = shape.DigitCount(k);
        if (digits is < 10 or > 12)
        {
            return false;
        }

        var separator = '?';
        for (var g = 1; g < k; g++)
        {
            var group = shape[g];
            if (group.Length < 2 || group.Parenthesized)
            {
                return false;
            }

            if (g == 1 && first.Parenthesized)
            {
                if (group.SeparatorBefore is not (' ' or '\0'))
                {
                    return false;
                }

                continue;
            }

            if (!IsSeparator(group.SeparatorBefore, " -./") || (separator != '?' && group.SeparatorBefore != separator))
            {
                return false;
            }

            separator = group.SeparatorBefore;
        }

        return true;
    }

    private static bool IsAllPairs(in NumberShape shape, int k)
    {
        for (var g = 0; g < k; g++)
        {
            if (shape[g].Length != 2)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Five pairs (FR, NL mobiles); <c>01 02 03 04 05</c>, every later pair below 10, is a byte dump or a list.</summary>
    private static bool IsFrenchStyle(string text, in NumberShape shape, int k)
    {
        if (k != 5)
        {
            return false;
        }

        for (var g = 1; g < k; g++)
        {
            if (text[shape[g].Start] != '0')
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSeparator(char c, string allowed) => c != '\0' && allowed.Contains(c, StringComparison.Ordinal);
}
