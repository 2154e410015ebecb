using Locus.Privacy.Detectors;

namespace Locus.Privacy.Tests;

/// <summary>Every planted sample is found by its detector, with its kind and its exact span.</summary>
public sealed class RecallTests
{
    public static TheoryData<string, string, string, string> Planted()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var secret in PlantedSecrets.All())
        {
            data.Add(secret.Detector, secret.Kind, secret.Value, secret.Context);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Planted))]
    public void Scan_PlantedValueInContext_FoundWithKindAndExactSpan(string detector, string kind, string value, string context)
    {
        var start = context.IndexOf(value, StringComparison.Ordinal);
        var findings = Findings.Scanner.Scan(context);

        Assert.Contains(new SensitiveFinding(Enum.Parse<SensitiveKind>(kind), detector, start, value.Length), findings);
    }

    [Fact]
    public void Scan_PlantedValuesFromManySeeds_AllFound()
    {
        var missed = new List<string>();
        for (var seed = 1; seed <= 200; seed++)
        {
            foreach (var secret in PlantedSecrets.All(seed))
            {
                var start = secret.Context.IndexOf(secret.Value, StringComparison.Ordinal);
                var found = Findings.Scanner.Scan(secret.Context)
                    .Any(f => f.Start == start && f.Length == secret.Value.Length && f.Detector == secret.Detector);
                if (!found)
                {
                    missed.Add($"seed {seed} {secret.Detector}: {secret.Value} in {string.Join(", ", Findings.Describe(secret.Context))}");
                }
            }
        }

        Assert.True(missed.Count == 0, string.Join("\n", missed));
    }

    [Fact]
    public void All_CoversEveryDetectorId()
    {
        var planted = PlantedSecrets.All().Select(s => s.Detector).ToHashSet();

        Assert.Equal(SensitivityScanner.DetectorIds.Order(), planted.Order());
    }

    [Fact]
    public void All_SameSeed_SameValues_OtherSeed_OtherValues()
    {
        var first = PlantedSecrets.All(7).Select(s => s.Value).ToList();

        Assert.Equal(first, PlantedSecrets.All(7).Select(s => s.Value));
        Assert.NotEqual(first, PlantedSecrets.All(8).Select(s => s.Value));
    }
}
