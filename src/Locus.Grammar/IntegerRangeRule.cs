using System.Globalization;
using System.Text;

namespace Locus.Grammar;

/// <summary>
/// A GBNF expression for the decimal integers within bounds, digit by digit, following llama.cpp's
/// build_min_max_int so the same bounds give the same text. long.MinValue / long.MaxValue stand for "unbounded".
/// </summary>
internal static class IntegerRangeRule
{
    public static string Build(long? minimum, long? maximum)
    {
        var text = new StringBuilder("(");
        Build(minimum ?? long.MinValue, maximum ?? long.MaxValue, text, 16, topLevel: true);
        return text.Append(')').ToString();
    }

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void DigitRange(char from, char to, StringBuilder text)
    {
        text.Append('[');
        text.Append(from);
        if (from != to)
        {
            text.Append('-').Append(to);
        }

        text.Append(']');
    }

    private static void MoreDigits(int minDigits, int maxDigits, StringBuilder text)
    {
        text.Append("[0-9]");
        if (minDigits == maxDigits && minDigits == 1)
        {
            return;
        }

        text.Append('{').Append(minDigits);
        if (maxDigits != minDigits)
        {
            text.Append(',');
            if (maxDigits != int.MaxValue)
            {
                text.Append(maxDigits);
            }
        }

        text.Append('}');
    }

    /// <summary>The numbers from <paramref name="from"/> to <paramref name="to"/>, both written with the same number of digits.</summary>
    private static void UniformRange(string from, string to, StringBuilder text)
    {
        var i = 0;
        while (i < from.Length && i < to.Length && from[i] == to[i])
        {
            i++;
        }

        if (i > 0)
        {
            text.Append('"').Append(from, 0, i).Append('"');
        }

        if (i >= from.Length || i >= to.Length)
        {
            return;
        }

        if (i > 0)
        {
            text.Append(' ');
        }

        var subLength = from.Length - i - 1;
        if (subLength == 0)
        {
            text.Append('[').Append(from[i]).Append('-').Append(to[i]).Append(']');
            return;
        }

        var fromSub = from[(i + 1)..];
        var toSub = to[(i + 1)..];
        var subZeros = new string('0', subLength);
        var subNines = new string('9', subLength);
        var toReached = false;
        text.Append('(');
        if (fromSub == subZeros)
        {
            DigitRange(from[i], (char)(to[i] - 1), text);
            text.Append(' ');
            MoreDigits(subLength, subLength, text);
        }
        else
        {
            text.Append('[').Append(from[i]).Append("] (");
            UniformRange(fromSub, subNines, text);
            text.Append(')');
            if (from[i] < to[i] - 1)
            {
                text.Append(" | ");
                if (toSub == subNines)
                {
                    DigitRange((char)(from[i] + 1), to[i], text);
                    toReached = true;
                }
                else
                {
                    DigitRange((char)(from[i] + 1), (char)(to[i] - 1), text);
                }

                text.Append(' ');
                MoreDigits(subLength, subLength, text);
            }
        }

        if (!toReached)
        {
            text.Append(" | ");
            DigitRange(to[i], to[i], text);
            text.Append(' ');
            UniformRange(subZeros, toSub, text);
        }

        text.Append(')');
    }

    private static void Build(long min, long max, StringBuilder text, int decimalsLeft, bool topLevel)
    {
        var hasMin = min != long.MinValue;
        var hasMax = max != long.MaxValue;

        if (hasMin && hasMax)
        {
            if (min < 0 && max < 0)
            {
                text.Append("\"-\" (");
                Build(-max, -min, text, decimalsLeft, topLevel: true);
                text.Append(')');
                return;
            }

            if (min < 0)
            {
                text.Append("\"-\" (");
                Build(0, -min, text, decimalsLeft, topLevel: true);
                text.Append(") | ");
                min = 0;
            }

            var minText = Str(min);
            var maxText = Str(max);
            for (var digits = minText.Length; digits < maxText.Length; digits++)
            {
                UniformRange(minText, new string('9', digits), text);
                minText = "1" + new string('0', digits);
                text.Append(" | ");
            }

            UniformRange(minText, maxText, text);
            return;
        }

        var lessDecimals = Math.Max(decimalsLeft - 1, 1);

        if (hasMin)
        {
            BuildFrom(min, text, decimalsLeft, lessDecimals, topLevel);
            return;
        }

        if (hasMax)
        {
            if (max >= 0)
            {
                if (topLevel)
                {
                    text.Append("\"-\" [1-9] ");
                    MoreDigits(0, lessDecimals, text);
                    text.Append(" | ");
                }

                Build(0, max, text, decimalsLeft, topLevel: true);
            }
            else
            {
                text.Append("\"-\" (");
                Build(-max, long.MaxValue, text, decimalsLeft, topLevel: false);
                text.Append(')');
            }

            return;
        }

        throw new InvalidOperationException("An integer range needs at least one bound.");
    }

    private static void BuildFrom(long min, StringBuilder text, int decimalsLeft, int lessDecimals, bool topLevel)
    {
        if (min < 0)
        {
            text.Append("\"-\" (");
            Build(long.MinValue, -min, text, decimalsLeft, topLevel: false);
            text.Append(") | [0] | [1-9] ");
            MoreDigits(0, decimalsLeft - 1, text);
        }
        else if (min == 0)
        {
            if (topLevel)
            {
                text.Append("[0] | [1-9] ");
                MoreDigits(0, lessDecimals, text);
            }
            else
            {
                MoreDigits(1, decimalsLeft, text);
            }
        }
        else if (min <= 9)
        {
            var c = (char)('0' + min);
            var rangeStart = topLevel ? '1' : '0';
            if (c > rangeStart)
            {
                DigitRange(rangeStart, (char)(c - 1), text);
                text.Append(' ');
                MoreDigits(1, lessDecimals, text);
                text.Append(" | ");
            }

            DigitRange(c, '9', text);
            text.Append(' ');
            MoreDigits(0, lessDecimals, text);
        }
        else
        {
            var minText = Str(min);
            var length = minText.Length;
            var c = minText[0];
            if (c > '1')
            {
                DigitRange(topLevel ? '1' : '0', (char)(c - 1), text);
                text.Append(' ');
                MoreDigits(length, lessDecimals, text);
                text.Append(" | ");
            }

            DigitRange(c, c, text);
            text.Append(" (");
            Build(long.Parse(minText[1..], CultureInfo.InvariantCulture), long.MaxValue, text, lessDecimals, topLevel: false);
            text.Append(')');
            if (c < '9')
            {
                text.Append(" | ");
                DigitRange((char)(c + 1), '9', text);
                text.Append(' ');
                MoreDigits(length - 1, lessDecimals, text);
            }
        }
    }
}
