using System.CommandLine;
using Locus.Core.Configuration;
using Locus.Node.Configuration;

namespace Locus.Cli.Commands;

/// <summary>Options several commands share, and how they become configuration overrides (flags beat env beats file).</summary>
internal static class CommonOptions
{
    public static Option<string?> Config() => new("--config", "-c")
    {
        Description = "Config file (default: $LOCUS_CONFIG, ./locus.yaml, ~/.config/locus/config.yaml)",
        HelpName = "FILE",
    };

    public static Option<int?> Threads() => new("--threads", "-t") { Description = "llama.cpp threads (default: one per core)" };

    public static Option<int?> ContextSize() => new("--ctx") { Description = "Context window per slot in tokens (default: the model's, capped at 8192)" };

    public static Option<string?> TemplateFallback() => new("--chat-template")
    {
        Description = "Chat template when the model's own is missing or unknown: a llama.cpp built-in (chatml, llama3, ...) or 'raw'",
        HelpName = "NAME",
    };

    /// <summary>The process's config sources with the given flag overrides; null values are flags that were not passed.</summary>
    public static ConfigurationSources Sources(string? configPath, IReadOnlyDictionary<string, string?>? flags = null)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in flags ?? new Dictionary<string, string?>())
        {
            if (value is not null)
            {
                overrides[key] = value;
            }
        }

        return ConfigurationSources.FromProcess(configPath, overrides);
    }

    /// <summary>The <c>server</c>, <c>llama</c> and <c>models</c> sections with the given flag overrides.</summary>
    public static LocusOptions Load(string? configPath, IReadOnlyDictionary<string, string?> flags) =>
        NodeConfig.Load(Sources(configPath, flags), LocusOptions.Section);

    /// <summary>One section of the config file in force (the top level is still checked against every section).</summary>
    public static T Load<T>(string? configPath, IConfigSection<T> section) => NodeConfig.Load(Sources(configPath), section);
}
