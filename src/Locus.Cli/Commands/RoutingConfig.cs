using Locus.Core.Configuration;
using Locus.Routing.Options;

namespace Locus.Cli.Commands;

/// <summary>Finds the config file the way every command does, and reads its routing sections.</summary>
internal static class RoutingConfig
{
    /// <summary>The config file in force (explicit, $LOCUS_CONFIG, ./locus.yaml, ~/.config/locus/config.yaml) or null.</summary>
    public static string? FindFile(string? explicitPath) =>
        LocusConfiguration.FindConfigFile(ConfigurationSources.FromProcess(explicitPath, new Dictionary<string, string>()));

    /// <summary>The routing sections of <paramref name="file"/>, or the defaults when there is no file.</summary>
    public static RouterConfig Read(string? file) => file is null
        ? new RouterConfig { Ledger = new LedgerSettings { Path = LocusPaths.ExpandHome(RoutingConfigReader.DefaultLedgerPath) } }
        : RoutingConfigReader.ReadFile(file);
}
