using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Locus.Privacy.Tests;

/// <summary>
/// The router scans every prompt, so a 2 KB prompt must take microseconds. Medians are printed for the record; the
/// assertion is only a generous bound that catches an accidental quadratic or regex blow-up on a busy machine.
/// </summary>
public sealed class ScanPerformanceTests(ITestOutputHelper output)
{
    private const int Scans = 10_000;

    [Fact]
    public void Scan_TwoKilobytePromptWithSecrets_MedianFarUnderBound()
    {
        var prompt = TwoKilobytes(PlantedSecrets.Prompts(40).Select(p => p.Text));
        Assert.NotEmpty(Findings.Scanner.Scan(prompt));

        var median = MedianMicroseconds(() => Findings.Scanner.Scan(prompt));

        output.WriteLine($"Scan, {prompt.Length}-char prompt with planted values: median {median:F1} µs over {Scans} scans");
        Assert.InRange(median, 0, 5_000);
    }

    [Fact]
    public void Scan_TwoKilobyteCleanPrompt_MedianFarUnderBound()
    {
        var clean = TwoKilobytes(PlantedSecrets.LookAlikes().Select(l => l.Text));
        Assert.Empty(Findings.Scanner.Scan(clean));

        var scan = MedianMicroseconds(() => Findings.Scanner.Scan(clean));
        var any = MedianMicroseconds(() => Findings.Scanner.ContainsAny(clean));

        output.WriteLine($"{clean.Length}-char look-alike prompt (nothing to find): Scan median {scan:F1} µs, ContainsAny median {any:F1} µs");
        Assert.InRange(scan, 0, 5_000);
        Assert.InRange(any, 0, 5_000);
    }

    private static string TwoKilobytes(IEnumerable<string> parts)
    {
        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            if (sb.Length + part.Length > 2048)
            {
                continue;
            }

            sb.Append(part).Append("\n\n");
        }

        return sb.ToString();
    }

    private static double MedianMicroseconds(Action scan)
    {
        // Long enough for tiered compilation to replace the first code with optimised code, as in a running server.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.ElapsedMilliseconds < 500)
        {
            scan();
        }

        var samples = new double[Scans];
        for (var i = 0; i < Scans; i++)
        {
            var start = Stopwatch.GetTimestamp();
            scan();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(samples);
        return samples[Scans / 2];
    }
}
