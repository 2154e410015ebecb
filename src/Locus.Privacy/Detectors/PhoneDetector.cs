using System.Runtime.CompilerServices;
using Locus.Privacy.Scanning;
using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>
/// Phone numbers in E.164 (<c>+44 20 7946 0958</c>) and common national formats with separators. Not: bare digit runs,
/// dates, IP addresses, version numbers, or groups that continue another number (an IBAN's or a card's tail).
/// </summary>
internal sealed class PhoneDetector : IDetector
{
    public IReadOnlyList<SensitiveKind> Kinds { get; } = [SensitiveKind.Phone];

    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Detect(ScanContext context, FindingSink sink)
    {
        var text = context.Text;
        var skipUntil = 0;
        foreach (var run in context.DigitRuns)
        {
            if (sink.IsDone)
            {
                return;
            }

            if (run.Start < skipUntil)
            {
                continue;
            }

            var start = Chars.At(text, run.Start - 1) is '+' or '(' ? run.Start - 1 : run.Start;
            if ((start == run.Start && !ContinuesAsGroups(text, run)) || !NumericBoundary.StartsValue(text, start))
            {
                continue;
            }

            var shape = NumberShape.Parse(text, start);
            var groups = PhoneRules.MatchingGroups(text, shape);
            if (groups > 0)
            {
                var end = shape[groups - 1].End;
                sink.Add(SensitiveKind.Phone, DetectorIds.Phone, start, end - start, Specificity.Phone);
                skipUntil = end;
            }
        }
    }

    /// <summary>Without '+' or '(' a number needs separated groups: a short first group, then a separator and a digit.</summary>
    private static bool ContinuesAsGroups(string text, in DigitRun run) =>
        run.Length <= 5 && Chars.At(text, run.End) is ' ' or '-' or '.' or '/' && Chars.At(text, run.End + 1) is (>= '0' and <= '9') or '(';
}
