using Locus.Core.Configuration;

namespace Locus.Core.Tests.Configuration;

/// <summary>A throwaway home and working folder, so tests never read the developer's real config or environment.</summary>
internal sealed class ConfigFixture : IDisposable
{
    public ConfigFixture()
    {
        Root = Directory.CreateTempSubdirectory("locus-config-").FullName;
        Home = Directory.CreateDirectory(Path.Join(Root, "home")).FullName;
        WorkingDirectory = Directory.CreateDirectory(Path.Join(Root, "work")).FullName;
    }

    public string Root { get; }

    public string Home { get; }

    public string WorkingDirectory { get; }

    public string? ConfigPath { get; set; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Overrides { get; } = new(StringComparer.Ordinal);

    public ConfigurationSources Sources => new()
    {
        ConfigPath = ConfigPath,
        Environment = Environment,
        Overrides = Overrides,
        WorkingDirectory = WorkingDirectory,
        HomeDirectory = Home,
    };

    /// <summary>Writes a file under the fixture root and returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Join(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes <c>./locus.yaml</c> in the working folder, the file picked up without any flag.</summary>
    public string WriteLocal(string yaml) => Write("work/locus.yaml", yaml);

    /// <summary>The flat sections alone, as a program that registers only them would load the file.</summary>
    public static ConfigSchema Schema { get; } = new([LocusOptions.Section]);

    public LocusOptions Load()
    {
        var document = Schema.Open(Sources);
        var options = document.Bind(LocusOptions.Section);
        document.ThrowIfInvalid();
        return options;
    }

    /// <summary>The config file a load would read (null when there is none).</summary>
    public string? FindConfigFile()
    {
        var document = ConfigDocument.Load(Sources);
        document.ThrowIfInvalid();
        return document.File;
    }

    public ConfigurationException LoadFails() => Assert.Throws<ConfigurationException>(Load);

    /// <summary>The single error a load reports; fails the test when there are none or several.</summary>
    public ConfigurationError SingleError() => Assert.Single(LoadFails().Errors);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
