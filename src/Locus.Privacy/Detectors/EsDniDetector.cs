using System.Runtime.CompilerServices;
using Locus.Privacy.Scanning;
using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>
/// Spanish DNI (<c>12345678Z</c>) and NIE (<c>X1234567L</c>) numbers: the letter is the number mod 23 looked up in
/// a fixed table, so a random digits-and-letter string passes 1 time in 23 — and that shape is rare to begin with.
/// </summary>
internal sealed class EsDniDetector : IDetector
{
    private const string Letters = "TRWAGMYFPDXBNJZSQVHLCKE";

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

            // NIE: X, Y or Z stand for a leading 0, 1 or 2 before seven digits.
            var nie = run.Length == 7 && Chars.At(text, run.Start - 1) is 'X' or 'Y' or 'Z';
            var start = nie ? run.Start - 1 : run.Start;
            if ((run.Length != 8 && !nie) || Chars.IsAlnumAt(text, start - 1) || Chars.At(text, start - 1) is '-' or '.' or '/')
            {
                continue;
            }

            var letterAt = Chars.At(text, run.End) == '-' ? run.End + 1 : run.End;
            var letter = Chars.At(text, letterAt);
            if (!char.IsAsciiLetterUpper(letter) || Chars.IsAlnumAt(text, letterAt + 1))
            {
                continue;
            }

            var number = nie ? (text[start] - 'X') * 10_000_000 : 0;
            number += int.Parse(text.AsSpan(run.Start, run.Length), System.Globalization.CultureInfo.InvariantCulture);
            if (Letters[number % 23] == letter)
            {
                sink.Add(SensitiveKind.NationalId, DetectorIds.EsDni, start, letterAt + 1 - start, Specificity.NationalId);
            }
        }
    }
}
