using Locus.Privacy.Detectors;

namespace Locus.Privacy.Tests;

/// <summary>One shared scanner (scanners are immutable) and readable views of findings for assertions.</summary>
internal static class Findings
{
    public static ISensitivityScanner Scanner { get; } = SensitivityScanner.Create();

    /// <summary>"detector:value" for each finding, so a failed assertion shows what was found.</summary>
    public static IReadOnlyList<string> Describe(string text) =>
        Scanner.Scan(text).Select(f => $"{f.Detector}:{text.Substring(f.Start, f.Length)}").ToList();

    public static SensitiveFinding Single(string text)
    {
        var findings = Scanner.Scan(text);
        Assert.True(findings.Count == 1, $"expected one finding in «{text}», got: {string.Join(", ", Describe(text))}");
        return findings[0];
    }

    public static string ValueOf(string text, SensitiveFinding finding) => text.Substring(finding.Start, finding.Length);
}
