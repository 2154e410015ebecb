using Locus.Core.Configuration;

namespace Locus.Core.Tests.Configuration;

/// <summary>The one config reader: a parsed document, typed getters that record problems, and the schema of sections.</summary>
public sealed class ConfigDocumentTests
{
    private const string File = "/etc/locus/locus.yaml";

    /// <summary>A section as a feature project would write one: reads its mapping, rejects unknown keys.</summary>
    private sealed class ProbeSection(string key) : IConfigSection<(int? Size, string? Name)>
    {
        public IReadOnlyList<string> Keys { get; } = [key];

        public (int? Size, string? Name) Bind(ConfigDocument document)
        {
            if (document.Root.Map(key) is not { } map)
            {
                return default;
            }

            var value = (map.Int("size", 1, 10), map.Text("name"));
            map.RejectUnknown();
            return value;
        }
    }

    [Fact]
    public void Bind_WrongValue_RecordsKeyPathFileAndLineInsteadOfThrowing()
    {
        var document = ConfigDocument.Parse("cache:\n  name: x\n  size: 11\n", File);

        var (size, name) = document.Bind(new ProbeSection("cache"));

        Assert.Null(size);
        Assert.Equal("x", name);
        Assert.Equal($"cache.size: expected a number from 1 to 10, got \"11\" (in {File}, line 3)", Assert.Single(document.Errors).ToString());
    }

    [Fact]
    public void RejectUnknown_MisspeltKey_SuggestsTheKeyTheSectionReads()
    {
        var document = ConfigDocument.Parse("cache:\n  nmae: x\n", File);

        document.Bind(new ProbeSection("cache"));

        Assert.Equal($"cache.nmae: unknown key; did you mean name? (in {File}, line 2)", Assert.Single(document.Errors).ToString());
    }

    [Fact]
    public void MapList_EntriesKeepTheirIndexInTheKeyPath()
    {
        var document = ConfigDocument.Parse("items:\n  - { size: 1 }\n  - just-text\n  - { size: 12 }\n", File);

        var sizes = document.Root.MapList("items", "expected a list of items")!.Select(m => m.Int("size", 1, 10)).ToList();

        Assert.Equal([1, null], sizes);
        Assert.Equal(["items[1]", "items[2].size"], document.Errors.Select(e => e.Key));
    }

    [Fact]
    public void Schema_UnknownTopLevelKey_SuggestsTheClosestRegisteredSection()
    {
        var schema = new ConfigSchema([new ProbeSection("cache"), new ProbeSection("queue")]);

        var document = schema.Open("cache: {}\nqueu: {}\n", File, new ConfigurationSources());

        Assert.Equal($"queu: unknown key; did you mean queue? (in {File}, line 2)", Assert.Single(document.Errors).ToString());
    }

    [Fact]
    public void Schema_TwoSectionsReadOneKey_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new ConfigSchema([new ProbeSection("cache"), new ProbeSection("cache")]));

    [Fact]
    public void ThrowIfInvalid_ProblemsOfEverySection_InOneException()
    {
        var document = new ConfigSchema([new ProbeSection("cache"), new ProbeSection("queue")])
            .Open("cache: { size: 0 }\nqueue: { size: many }\nextra: 1\n", File, new ConfigurationSources());
        document.Bind(new ProbeSection("cache"));
        document.Bind(new ProbeSection("queue"));

        var exception = Assert.Throws<ConfigurationException>(document.ThrowIfInvalid);

        Assert.Equal(["extra", "cache.size", "queue.size"], exception.Errors.Select(e => e.Key));
    }

    [Fact]
    public void ResolvePath_RelativeToTheFilesFolder_HomeFromTheSources()
    {
        var document = ConfigDocument.Parse("", File, new ConfigurationSources { HomeDirectory = "/home/ada" });

        Assert.Equal(("/etc/locus/models/a.gguf", "/home/ada/b.gguf"), (document.ResolvePath("models/a.gguf"), document.ResolvePath("~/b.gguf")));
    }
}
