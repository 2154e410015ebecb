using Locus.Privacy.Detectors;
using Locus.Privacy.Scanning;

namespace Locus.Privacy.Tests;

public sealed class ScannerTests
{
    [Fact]
    public void Scan_ManyKinds_SortedByStartAndNonOverlapping()
    {
        foreach (var prompt in PlantedSecrets.Prompts(60, seed: 3))
        {
            var findings = Findings.Scanner.Scan(prompt.Text);

            for (var i = 1; i < findings.Count; i++)
            {
                Assert.True(findings[i - 1].End <= findings[i].Start, $"overlap or disorder at {i} in {prompt.Text}");
            }
        }
    }

    [Fact]
    public void Scan_KindsOption_OnlyThoseKindsReported()
    {
        var scanner = SensitivityScanner.Create(new ScannerOptions { Kinds = new HashSet<SensitiveKind> { SensitiveKind.Email, SensitiveKind.Iban } });
        var text = "mail jane.doe@example.com, IBAN DE89 3704 0044 0532 0130 00, card 4111 1111 1111 1111, SSN 078-05-1120";

        var kinds = scanner.Scan(text).Select(f => f.Kind).ToList();

        Assert.Equal([SensitiveKind.Email, SensitiveKind.Iban], kinds);
        Assert.Equal(4, Findings.Scanner.Scan(text).Count);
    }

    [Fact]
    public void ContainsAny_AgreesWithScan_OnPromptsAndLookAlikes()
    {
        var texts = PlantedSecrets.Prompts(50, seed: 9).Select(p => p.Text)
            .Concat(PlantedSecrets.LookAlikes().Select(l => l.Text))
            .Concat(PlantedSecrets.All(5).Select(s => s.Context));

        Assert.All(texts, t => Assert.Equal(Findings.Scanner.Scan(t).Count > 0, Findings.Scanner.ContainsAny(t)));
    }

    [Fact]
    public void ContainsAny_KindNotWanted_False()
    {
        var scanner = SensitivityScanner.Create(new ScannerOptions { Kinds = new HashSet<SensitiveKind> { SensitiveKind.Phone } });

        Assert.False(scanner.ContainsAny("mail jane.doe@example.com"));
        Assert.True(scanner.ContainsAny("call +44 20 7946 0958"));
    }

    [Fact]
    public void Scan_EmptyText_NoFindings_NullText_Throws()
    {
        Assert.Empty(Findings.Scanner.Scan(""));
        Assert.False(Findings.Scanner.ContainsAny(""));
        Assert.Throws<ArgumentNullException>(() => Findings.Scanner.Scan(null!));
    }

    [Fact]
    public void Scan_KeyAlsoLookingRandomAndLabelled_ReportedOnceByMostSpecificDetector()
    {
        const string key = "sk-proj-Zq3XhR7tLm2Wv9Kp4Nc8Bd1Fg6Hj0Sx5Ty2Ue7Ai3Oq8Wr4E";

        Assert.Equal([$"openai_api_key:{key}"], Findings.Describe($"OPENAI_API_KEY=\"{key}\""));
    }

    [Fact]
    public void DetectorIds_AreStableSnakeCase()
    {
        Assert.All(SensitivityScanner.DetectorIds, id => Assert.Matches("^[a-z0-9]+(_[a-z0-9]+)*$", id));
        Assert.Equal(SensitivityScanner.DetectorIds.Count, SensitivityScanner.DetectorIds.Distinct().Count());
    }

    [Fact]
    public void Resolve_OverlappingCandidates_HigherPriorityThenLongerWins()
    {
        Candidate C(int start, int length, int priority) =>
            new(new SensitiveFinding(SensitiveKind.HighEntropySecret, $"p{priority}", start, length), priority);

        var resolved = OverlapResolver.Resolve([C(0, 10, 1), C(5, 10, 5), C(20, 3, 1), C(18, 10, 1), C(40, 2, 1)]);

        Assert.Equal([(5, 10), (18, 10), (40, 2)], resolved.Select(f => (f.Start, f.Length)));
    }
}
