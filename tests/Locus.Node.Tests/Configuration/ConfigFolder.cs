using Locus.Core.Configuration;

namespace Locus.Node.Tests.Configuration;

/// <summary>A throwaway folder for config files, with a home of its own so no test reads the developer's config.</summary>
internal sealed class ConfigFolder : IDisposable
{
    public ConfigFolder()
    {
        Root = Directory.CreateTempSubdirectory("locus-node-config-").FullName;
        Home = Directory.CreateDirectory(Path.Join(Root, "home")).FullName;
    }

    public string Root { get; }

    public string Home { get; }

    /// <summary><c>LOCUS_*</c> variables, as the process environment would give them.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Variables the config names (<c>api_key_env</c>).</summary>
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>Writes <c>locus.yaml</c> (or <paramref name="name"/>) in the folder and returns its full path.</summary>
    public string Write(string yaml, string name = "locus.yaml")
    {
        var path = Path.Join(Root, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public ConfigurationSources Sources(string file) => new()
    {
        ConfigPath = file,
        Environment = Environment,
        Variables = name => Variables.GetValueOrDefault(name),
        WorkingDirectory = Root,
        HomeDirectory = Home,
    };

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
