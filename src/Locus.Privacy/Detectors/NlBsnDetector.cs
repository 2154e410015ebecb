using System.Runtime.CompilerServices;
using Locus.Privacy.Checksums;
using Locus.Privacy.Scanning;
using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>
/// Dutch citizen service numbers (BSN): nine digits passing the 11-test. One in eleven nine-digit numbers passes,
/// so a BSN is only reported after its label ("BSN", "burgerservicenummer", "sofinummer").
/// </summary>
internal sealed class NlBsnDetector : IDetector
{
    private static readonly string[] Labels = ["bsn", "burgerservicenummer", "sofinummer", "sofi-nummer", "citizen service number"];

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

            if (run.Length == 9 && NumericBoundary.StartsValue(text, run.Start) && !Chars.IsAlnumAt(text, run.End)
                && !(Chars.At(text, run.End) is '-' or '.' or ',' && Chars.IsDigitAt(text, run.End + 1))
                && ElevenTest.IsValidBsn(text.AsSpan(run.Start, 9)) && NearbyLabel.Precedes(text, run.Start, Labels))
            {
                sink.Add(SensitiveKind.NationalId, DetectorIds.NlBsn, run.Start, 9, Specificity.NationalId);
            }
        }
    }
}
