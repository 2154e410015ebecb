using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Locus.Privacy.Scanning;

/// <summary>One scan's text and what several detectors need from it, computed once (the runs of ASCII digits).</summary>
internal sealed class ScanContext(string text)
{
    private List<DigitRun>? digitRuns;

    public string Text { get; } = text;

    /// <summary>Maximal runs of ASCII digits in order; every numeric detector starts from these.</summary>
    public ReadOnlySpan<DigitRun> DigitRuns => CollectionsMarshal.AsSpan(digitRuns ??= FindDigitRuns(Text));

    // A vectorised jump over the text between runs, a plain loop through each (short) run.
    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<DigitRun> FindDigitRuns(string text)
    {
        var runs = new List<DigitRun>(text.Length / 32);
        var span = text.AsSpan();
        var position = 0;
        while (true)
        {
            var found = span[position..].IndexOfAnyInRange('0', '9');
            if (found < 0)
            {
                return runs;
            }

            var start = position + found;
            var end = start + 1;
            while (end < span.Length && char.IsAsciiDigit(span[end]))
            {
                end++;
            }

            runs.Add(new DigitRun(start, end - start));
            position = end;
        }
    }
}

internal readonly record struct DigitRun(int Start, int Length)
{
    public int End => Start + Length;
}
