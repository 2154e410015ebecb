using Locus.Core.Configuration;

namespace Locus.Core.Tests.Configuration;

/// <summary>Keeps docs/configuration.md and locus.example.yaml in step with the keys the loader knows.</summary>
public sealed class DocumentationTests
{
    private static readonly string RepositoryRoot = FindRepositoryRoot();

    public static TheoryData<string> AllKeys => [.. ConfigKeys.All.Select(k => k.Name)];

    [Theory]
    [MemberData(nameof(AllKeys))]
    public void ConfigurationDoc_EveryKey_DocumentedWithItsEnvironmentVariable(string name)
    {
        var doc = File.ReadAllText(Path.Join(RepositoryRoot, "docs", "configuration.md"));
        var row = doc.Split('\n').FirstOrDefault(line => line.StartsWith($"| `{name}` |", StringComparison.Ordinal));

        Assert.NotNull(row);
        Assert.Contains($"`{ConfigKeys.Find(name)!.EnvironmentVariable}`", row, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllKeys))]
    public void ExampleFile_EveryKey_AppearsInIt(string name)
    {
        var example = File.ReadAllText(Path.Join(RepositoryRoot, "locus.example.yaml"));

        Assert.Contains(name.Split('.')[^1] + ":", example, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExampleFile_GivesExactlyTheDefaults()
    {
        using var fixture = new ConfigFixture();
        fixture.ConfigPath = Path.Join(RepositoryRoot, "locus.example.yaml");

        var options = fixture.Load();

        var defaults = new LocusOptions();
        var responses = Path.Join(fixture.Home, ".local", "share", "locus", "responses.db");
        Assert.Equal(defaults.Server with { ApiKeys = options.Server.ApiKeys, ResponsesStore = responses }, options.Server);
        Assert.Empty(options.Server.ApiKeys);
        Assert.Equal(defaults.Llama, options.Llama);
        Assert.Equal(defaults.Models with { Directory = Path.Join(fixture.Home, ".cache", "locus", "models") }, options.Models);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Join(dir.FullName, "locus.example.yaml")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("locus.example.yaml not found above " + AppContext.BaseDirectory);
    }
}
