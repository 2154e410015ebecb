using System.Runtime.CompilerServices;
using Locus.Privacy.Scanning;
using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>
/// UK National Insurance numbers: two prefix letters (HMRC's allowed set, so the documentation's <c>QQ 12 34 56 C</c>
/// is not one), six digits, suffix A-D; written <c>AB123456C</c> or <c>AB 12 34 56 C</c>.
/// </summary>
internal sealed class UkNinoDetector : IDetector
{
    public IReadOnlyList<SensitiveKind> Kinds { get; } = [SensitiveKind.NationalId];

    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Detect(ScanContext context, FindingSink sink)
    {
        var text = context.Text;
        foreach (var run in context.DigitRuns)
        {
            if (sink.IsDone)
            {
                return;
            }

            // Compact: the run is all six digits. Spaced: the run is the first pair, after "AB ".
            var start = run.Length == 6 ? run.Start - 2 : run.Length == 2 && Chars.At(text, run.Start - 1) == ' ' ? run.Start - 3 : -1;
            if (start < 0 || Chars.IsAlnumAt(text, start - 1) || !HasValidPrefix(text, start))
            {
                continue;
            }

            var end = run.Length == 6 ? SuffixEnd(text, run.End, spaced: false) : SpacedEnd(text, run.Start);
            if (end > 0)
            {
                sink.Add(SensitiveKind.NationalId, DetectorIds.UkNino, start, end - start, Specificity.NationalId);
            }
        }
    }

    private static bool HasValidPrefix(string text, int start)
    {
        char first = Chars.At(text, start), second = Chars.At(text, start + 1);
        if (!char.IsAsciiLetterUpper(first) || !char.IsAsciiLetterUpper(second)
            || first is 'D' or 'F' or 'I' or 'Q' or 'U' or 'V' || second is 'D' or 'F' or 'I' or 'O' or 'Q' or 'U' or 'V')
        {
            return false;
        }

        return text.AsSpan(start, 2) is not ("BG" or "GB" or "KN" or "NK" or "NT" or "TN" or "ZZ");
    }

    /// <summary>After the first pair at <paramref name="pairStart"/>: " 34 56 C".</summary>
    private static int SpacedEnd(string text, int pairStart)
    {
        var i = pairStart + 2;
        for (var pair = 0; pair < 2; pair++, i += 3)
        {
            if (Chars.At(text, i) != ' ' || !Chars.IsDigitAt(text, i + 1) || !Chars.IsDigitAt(text, i + 2))
            {
                return -1;
            }
        }

        return SuffixEnd(text, i, spaced: true);
    }

    private static int SuffixEnd(string text, int i, bool spaced)
    {
        if (spaced)
        {
            if (Chars.At(text, i) != ' ')
            {
                return -1;
            }

            i++;
        }

        return Chars.At(text, i) is >= 'A' and <= 'D' && !Chars.IsAlnumAt(text, i + 1) ? i + 1 : -1;
    }
}
