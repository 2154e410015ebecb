using System.Runtime.CompilerServices;
using Locus.Privacy.Checksums;
using Locus.Privacy.Scanning;
using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>
/// Payment card numbers: 13-19 digits, contiguous or in the printed groupings (4-4-4-4, 4-6-5 ...) with one kind of
/// separator, a valid Luhn check digit and a known network's IIN range and length.
/// </summary>
internal sealed class CardNumberDetector : IDetector
{
    public IReadOnlyList<SensitiveKind> Kinds { get; } = [SensitiveKind.CardNumber];

    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Detect(ScanContext context, FindingSink sink)
    {
        var text = context.Text;
        var skipUntil = 0;
        Span<char> digits = stackalloc char[19];
        foreach (var run in context.DigitRuns)
        {
            if (sink.IsDone)
            {
                return;
            }

            // A card starts with a group of four, or is one run of 13-19 digits.
            if (run.Start < skipUntil || run.Length is not (4 or (>= 13 and <= 19)) || !NumericBoundary.StartsValue(text, run.Start))
            {
                continue;
            }

            var shape = NumberShape.Parse(text, run.Start);
            for (var k = shape.Count; k >= 1; k--)
            {
                if (k < shape.Count ? shape[k].SeparatorBefore != ' ' : Chars.IsAlnumAt(text, shape[k - 1].End))
                {
                    continue;
                }

                var count = shape.DigitCount(k);
                if (count is >= 13 and <= 19 && IsCardGrouping(shape, k)
                    && Collect(text, shape, k, digits) && Luhn.IsValid(digits[..count]) && CardNetworks.IsKnown(digits[..count]))
                {
                    var end = shape[k - 1].End;
                    sink.Add(SensitiveKind.CardNumber, DetectorIds.CardNumber, run.Start, end - run.Start, Specificity.CardNumber);
                    skipUntil = end;
                    break;
                }
            }
        }
    }

    /// <summary>One group; groups of four with a shorter last one; or Amex/Diners 4-6-5 and 4-6-4. One separator kind.</summary>
    private static bool IsCardGrouping(in NumberShape shape, int k)
    {
        if (k == 1)
        {
            return !shape[0].Parenthesized;
        }

        var separator = shape[1].SeparatorBefore;
        for (var g = 0; g < k; g++)
        {
            if (shape[g].Parenthesized || (g > 0 && (shape[g].SeparatorBefore != separator || separator is not (' ' or '-'))))
            {
                return false;
            }
        }

        if (k == 3 && shape[0].Length == 4 && shape[1].Length == 6 && shape[2].Length is 4 or 5)
        {
            return true;
        }

        for (var g = 0; g < k - 1; g++)
        {
            if (shape[g].Length != 4)
            {
                return false;
            }
        }

        return shape[k - 1].Length is >= 1 and <= 4;
    }

    /// <returns>Always true, so that it can sit in the condition chain after the cheap checks.</returns>
    private static bool Collect(string text, in NumberShape shape, int k, Span<char> digits)
    {
        var n = 0;
        for (var g = 0; g < k; g++)
        {
            text.AsSpan(shape[g].Start, shape[g].Length).CopyTo(digits[n..]);
            n += shape[g].Length;
        }

        return true;
    }
}
