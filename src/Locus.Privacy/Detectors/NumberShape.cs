using System.Runtime.CompilerServices;
using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>
/// A run of digit groups as people write phone numbers: <c>+44 20 7946 0958</c>, <c>(555) 123-4567</c>,
/// <c>+49 (0)30 1234567</c>. Parsed once; <see cref="PhoneRules"/> then decide which prefixes of it are numbers.
/// </summary>
internal ref struct NumberShape
{
    public const int MaxGroups = 8;

    private NumberGroups groups;

    public bool Plus { get; private set; }

    public int Count { get; private set; }

    /// <summary>Group i: where its digits start, how many, whether it was in parentheses, and the separator before it.</summary>
    public readonly NumberGroup this[int i] => groups[i];

    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static NumberShape Parse(string text, int start)
    {
        var shape = default(NumberShape);
        var i = start;
        if (Chars.At(text, i) == '+')
        {
            shape.Plus = true;
            i++;
        }

        var separator = '\0';
        while (shape.Count < MaxGroups)
        {
            var paren = Chars.At(text, i) == '(';
            var digitsStart = paren ? i + 1 : i;
            var digitsEnd = digitsStart;
            while (Chars.IsDigitAt(text, digitsEnd))
            {
                digitsEnd++;
            }

            if (digitsEnd == digitsStart || (paren && Chars.At(text, digitsEnd) != ')'))
            {
                break;
            }

            var end = paren ? digitsEnd + 1 : digitsEnd;
            shape.groups[shape.Count++] = new NumberGroup(digitsStart, digitsEnd - digitsStart, paren, separator, end);
            i = end;

            // Next group: one separator char, or none after ')' / before '('.
            var c = Chars.At(text, i);
            if (c is ' ' or '-' or '.' or '/' && StartsGroup(text, i + 1))
            {
                separator = c;
                i++;
            }
            else if ((paren && char.IsAsciiDigit(c)) || (c == '(' && StartsGroup(text, i)))
            {
                separator = '\0';
            }
            else
            {
                break;
            }
        }

        return shape;
    }

    public readonly int DigitCount(int groupCount)
    {
        var total = 0;
        for (var g = 0; g < groupCount; g++)
        {
            total += groups[g].Length;
        }

        return total;
    }

    private static bool StartsGroup(string text, int i) =>
        Chars.IsDigitAt(text, i) || (Chars.At(text, i) == '(' && Chars.IsDigitAt(text, i + 1));

    [System.Runtime.CompilerServices.InlineArray(MaxGroups)]
    private struct NumberGroups
    {
        private NumberGroup first;
    }
}

/// <param name="Start">First digit.</param>
/// <param name="Length">Number of digits.</param>
/// <param name="Parenthesized">Written as <c>(030)</c>.</param>
/// <param name="SeparatorBefore">' ', '-', '.', '/', or '\0' for none (first group, or next to parentheses).</param>
/// <param name="End">Just past the group, after its ')' if any.</param>
internal readonly record struct NumberGroup(int Start, int Length, bool Parenthesized, char SeparatorBefore, int End);
