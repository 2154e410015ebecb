using Locus.Core.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Locus.Routing.Options;

/// <summary>
/// Reads the routing sections (<c>targets</c>, <c>routing</c>, <c>clients</c>, <c>ledger</c>, <c>memory</c>) of a Locus config file,
/// validating all of it at once: every problem is reported with its key path and line.
/// </summary>
public static class RoutingConfigReader
{
    /// <summary>The ledger file used when the config names none.</summary>
    public const string DefaultLedgerPath = "~/.local/share/locus/usage.db";

    /// <summary>Reads <paramref name="file"/>; environment variables (API keys) come from <paramref name="environment"/>.</summary>
    /// <exception cref="ConfigurationException">Anything wrong, all problems listed.</exception>
    public static RouterConfig ReadFile(string file, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException([new ConfigurationError(null, $"cannot read config file {file}: {ex.Message}")]);
        }

        return Parse(text, file, environment ?? Environment.GetEnvironmentVariable);
    }

    /// <summary>Parses config text; relative paths are relative to <paramref name="file"/>'s folder.</summary>
    public static RouterConfig Parse(string yaml, string file, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new List<ConfigurationError>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ConfigurationException([new ConfigurationError(null, "invalid YAML", $"in {file}, line {ex.Start.Line}")]);
        }

        var root = stream.Documents.Count == 0 ? null : YamlMap.From(stream.Documents[0].RootNode, "", file, errors);
        var directory = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        var config = root is null ? new RouterConfig() : Read(root, directory, environment);
        if (errors.Count == 0)
        {
            RoutingValidator.Validate(config, file, errors);
        }

        return errors.Count == 0 ? config : throw new ConfigurationException(errors);
    }

    private static RouterConfig Read(YamlMap root, string directory, Func<string, string?> environment)
    {
        var targets = TargetReader.ReadAll(root, directory, environment);
        var routing = RoutingSectionReader.Read(root.Map("routing"), targets, directory);
        var clients = ClientReader.ReadAll(root, environment);
        var ledger = ReadLedger(root.Map("ledger"), directory);
        var mesh = MeshReader.Read(root.Map("mesh"), directory);
        var memory = MemoryReader.Read(root.Map("memory"));
        return new RouterConfig { Targets = targets, Routing = routing, Clients = clients, Ledger = ledger, Mesh = mesh, Memory = memory };
    }

    private static LedgerSettings ReadLedger(YamlMap? map, string directory)
    {
        if (map is null)
        {
            return new LedgerSettings { Path = LocusPaths.ExpandHome(DefaultLedgerPath) };
        }

        var enabled = map.Bool("enabled") ?? true;
        var path = map.Text("path") ?? DefaultLedgerPath;
        var settings = new LedgerSettings
        {
            Path = enabled ? LocusPaths.Resolve(path, directory) : null,
            StorePrompts = map.Bool("store_prompts") ?? false,
            FullSync = map.Bool("full_sync") ?? false,
        };
        map.RejectUnknown();
        return settings;
    }
}
