using Locus.Privacy.Detectors;

namespace Locus.Privacy.Tests;

/// <summary>Scanning whole prompts finds exactly what was planted: nothing missed, nothing extra in the prose and code.</summary>
public sealed class PlantedPromptTests
{
    [Fact]
    public void Scan_HundredPlantedPrompts_FindsExactlyThePlantedValues()
    {
        var problems = new List<string>();
        foreach (var prompt in PlantedSecrets.Prompts(100))
        {
            var found = Findings.Scanner.Scan(prompt.Text)
                .Select(f => $"{f.Detector}/{f.Kind}:{Findings.ValueOf(prompt.Text, f)}").Order().ToList();
            var planted = prompt.Values.Select(v => $"{v.Detector}/{v.Kind}:{v.Value}").Order().ToList();
            if (!found.SequenceEqual(planted))
            {
                problems.Add($"planted [{string.Join(", ", planted)}] found [{string.Join(", ", found)}]");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Prompts_HundredPrompts_CoverEveryDetectorWithOneToFourPlantings()
    {
        var prompts = PlantedSecrets.Prompts(100);

        Assert.Equal(100, prompts.Count);
        var detectors = prompts.SelectMany(p => p.Values).Select(v => v.Detector).ToHashSet();
        Assert.Equal(SensitivityScanner.DetectorIds.Order(), detectors.Order());
        Assert.All(prompts, p => Assert.InRange(p.Text.Length, 150, 4000));
        Assert.All(prompts, p => Assert.All(p.Values, v => Assert.Contains(v.Value, p.Text, StringComparison.Ordinal)));
    }
}
