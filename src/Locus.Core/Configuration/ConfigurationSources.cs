using System.Collections;

namespace Locus.Core.Configuration;

/// <summary>
/// Everything a <see cref="ConfigDocument"/> is loaded from besides the config file itself. Passing the environment
/// in (instead of reading the process's) keeps loading a pure function that tests can drive.
/// </summary>
public sealed record ConfigurationSources
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>A config file named explicitly (e.g. <c>--config</c>); it is an error if it does not exist.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Environment variables; only <c>LOCUS_*</c> names are read.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = Empty;

    /// <summary>
    /// Looks up the variables that config values name, such as a target's <c>api_key_env</c>; default: none is set.
    /// Unlike <see cref="Environment"/>, these are not settings: they hold secrets the file must not contain.
    /// </summary>
    public Func<string, string?> Variables { get; init; } = _ => null;

    /// <summary>Flag overrides by dotted key, e.g. <c>{"server.port": "8081"}</c>; they win over everything else.</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = Empty;

    /// <summary>Where <c>./locus.yaml</c> is looked for, and what relative paths outside a config file are relative to.</summary>
    public string WorkingDirectory { get; init; } = System.Environment.CurrentDirectory;

    /// <summary>What <c>~</c> expands to; also where <c>~/.config/locus/config.yaml</c> is looked for.</summary>
    public string HomeDirectory { get; init; } = LocusPaths.Home;

    /// <summary>Sources for a real run: the process's environment variables, current folder and home.</summary>
    public static ConfigurationSources FromProcess(
        string? configPath = null, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name.StartsWith("LOCUS_", StringComparison.Ordinal) && entry.Value is string value)
            {
                environment[name] = value;
            }
        }

        return new ConfigurationSources
        {
            ConfigPath = configPath,
            Environment = environment,
            Variables = System.Environment.GetEnvironmentVariable,
            Overrides = overrides ?? Empty,
        };
    }
}
