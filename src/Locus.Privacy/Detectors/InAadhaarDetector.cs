using System.Runtime.CompilerServices;
using Locus.Privacy.Checksums;
using Locus.Privacy.Scanning;
using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>
/// Indian Aadhaar numbers: twelve digits, the first 2-9, a valid Verhoeff check digit. Written <c>2345 6789 0124</c>
/// (as printed on the card) they are reported alone; as twelve bare digits only after the label "Aadhaar".
/// </summary>
internal sealed class InAadhaarDetector : IDetector
{
    private static readonly string[] Labels = ["aadhaar", "aadhar", "uidai"];

    public IReadOnlyList<SensitiveKind> Kinds { get; } = [SensitiveKind.NationalId];

    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Detect(ScanContext context, FindingSink sink)
    {
        var text = context.Text;
        var runs = context.DigitRuns;
        Span<char> digits = stackalloc char[12];
        for (var r = 0; r < runs.Length && !sink.IsDone; r++)
        {
            var run = runs[r];
            if (run.Length is not (4 or 12) || text[run.Start] is '0' or '1' || !NumericBoundary.StartsValue(text, run.Start))
            {
                continue;
            }

            if (run.Length == 12 && EndsValue(text, run.End) && Verhoeff.IsValid(text.AsSpan(run.Start, 12))
                && NearbyLabel.Precedes(text, run.Start, Labels))
            {
                sink.Add(SensitiveKind.NationalId, DetectorIds.InAadhaar, run.Start, 12, Specificity.NationalId);
            }
            else if (run.Length == 4 && r + 2 < runs.Length && IsGrouped(text, run, runs[r + 1], runs[r + 2]))
            {
                text.AsSpan(run.Start, 4).CopyTo(digits);
                text.AsSpan(runs[r + 1].Start, 4).CopyTo(digits[4..]);
                text.AsSpan(runs[r + 2].Start, 4).CopyTo(digits[8..]);
                if (Verhoeff.IsValid(digits))
                {
                    sink.Add(SensitiveKind.NationalId, DetectorIds.InAadhaar, run.Start, runs[r + 2].End - run.Start, Specificity.NationalId);
                    r += 2;
                }
            }
        }
    }

    private static bool IsGrouped(string text, in DigitRun first, in DigitRun second, in DigitRun third)
    {
        var separator = Chars.At(text, first.End);
        return separator is ' ' or '-' && second.Length == 4 && third.Length == 4
            && second.Start == first.End + 1 && third.Start == second.End + 1 && text[second.End] == separator
            && EndsValue(text, third.End);
    }

    private static bool EndsValue(string text, int end) =>
        !Chars.IsAlnumAt(text, end) && !(Chars.At(text, end) is ' ' or '-' or '.' && Chars.IsDigitAt(text, end + 1));
}
