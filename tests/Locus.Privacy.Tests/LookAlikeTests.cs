using System.Text;
using Xunit.Abstractions;

namespace Locus.Privacy.Tests;

/// <summary>Precision: text that resembles secrets or personal data is not flagged.</summary>
public sealed class LookAlikeTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> LookAlikes()
    {
        var data = new TheoryData<string, string>();
        foreach (var (label, text) in PlantedSecrets.LookAlikes())
        {
            data.Add(label, text);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public void Scan_LookAlike_FindsNothing(string label, string text)
    {
        Assert.True(Findings.Scanner.Scan(text).Count == 0, $"{label}: {string.Join(", ", Findings.Describe(text))}");
        Assert.False(Findings.Scanner.ContainsAny(text), label);
    }

    [Fact]
    public void FalsePositiveTable_AllLookAlikes_WrittenAsMarkdownWithNoneFlagged()
    {
        var table = new StringBuilder("| look-alike | example | flagged? | as what |\n|---|---|---|---|\n");
        var flagged = 0;
        var lookAlikes = PlantedSecrets.LookAlikes();
        foreach (var (label, text) in lookAlikes)
        {
            var findings = Findings.Scanner.Scan(text);
            flagged += findings.Count > 0 ? 1 : 0;
            var asWhat = findings.Count == 0 ? "" : string.Join(", ", findings.Select(f => $"{f.Kind} ({f.Detector})"));
            table.Append($"| {label} | `{Shorten(text)}` | {(findings.Count > 0 ? "yes" : "no")} | {asWhat} |\n");
        }

        output.WriteLine(table.ToString());
        Assert.Equal(lookAlikes.Count + 2, table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(0, flagged);
    }

    private static string Shorten(string text)
    {
        var oneLine = text.Replace("\n", " ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("`", "'", StringComparison.Ordinal);
        return oneLine.Length <= 70 ? oneLine : oneLine[..67] + "...";
    }
}
