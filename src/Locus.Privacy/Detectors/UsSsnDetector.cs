using System.Runtime.CompilerServices;
using Locus.Privacy.Scanning;
using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>
/// US Social Security numbers written <c>AAA-GG-SSSS</c>, excluding what the SSA never issues: area 000, 666 or
/// 900-999, group 00, serial 0000.
/// </summary>
internal sealed class UsSsnDetector : IDetector
{
    public IReadOnlyList<SensitiveKind> Kinds { get; } = [SensitiveKind.NationalId];

    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Detect(ScanContext context, FindingSink sink)
    {
        var text = context.Text;
        var runs = context.DigitRuns;
        for (var r = 0; r + 2 < runs.Length && !sink.IsDone; r++)
        {
            var (area, group, serial) = (runs[r], runs[r + 1], runs[r + 2]);
            if (area.Length == 3 && group.Length == 2 && serial.Length == 4
                && group.Start == area.End + 1 && serial.Start == group.End + 1
                && text[area.End] == '-' && text[group.End] == '-'
                && NumericBoundary.StartsValue(text, area.Start) && EndsValue(text, serial.End)
                && IsIssuable(text, area.Start, group.Start, serial.Start))
            {
                sink.Add(SensitiveKind.NationalId, DetectorIds.UsSsn, area.Start, serial.End - area.Start, Specificity.NationalId);
                r += 2;
            }
        }
    }

    private static bool EndsValue(string text, int end) =>
        !Chars.IsAlnumAt(text, end) && !(Chars.At(text, end) is '-' or '.' && Chars.IsDigitAt(text, end + 1));

    private static bool IsIssuable(string text, int area, int group, int serial)
    {
        var a = text.AsSpan(area, 3);
        return a is not "000" and not "666" && a[0] != '9'
            && text.AsSpan(group, 2) is not "00"
            && text.AsSpan(serial, 4) is not "0000";
    }
}
