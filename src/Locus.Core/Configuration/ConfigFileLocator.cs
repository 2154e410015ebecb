namespace Locus.Core.Configuration;

/// <summary>Decides which config file, if any, to read.</summary>
internal static class ConfigFileLocator
{
    /// <summary>
    /// An explicit path, else <c>LOCUS_CONFIG</c>, else <c>./locus.yaml</c>, else <c>~/.config/locus/config.yaml</c>.
    /// A file someone named explicitly must exist; the two conventional locations are optional.
    /// </summary>
    public static string? Locate(ConfigurationSources sources, List<ConfigurationError> errors)
    {
        if (!string.IsNullOrWhiteSpace(sources.ConfigPath))
        {
            return Required(sources.ConfigPath, sources, "given as the config file path", errors);
        }

        if (sources.Environment.TryGetValue(ConfigKeys.ConfigFileVariable, out var fromEnvironment)
            && !string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Required(fromEnvironment, sources, $"from environment variable {ConfigKeys.ConfigFileVariable}", errors);
        }

        var local = Path.Join(sources.WorkingDirectory, "locus.yaml");
        if (File.Exists(local))
        {
            return local;
        }

        var user = Path.Join(sources.HomeDirectory, ".config", "locus", "config.yaml");
        return File.Exists(user) ? user : null;
    }

    /// <summary>Whether <see cref="Locate"/> would name a file: one is given (existing or not) or found at a default place.</summary>
    public static bool Any(ConfigurationSources sources)
    {
        // A named file that is missing is reported, not found: it still counts, so the caller reads config and fails.
        var missing = new List<ConfigurationError>();
        return Locate(sources, missing) is not null || missing.Count > 0;
    }

    private static string? Required(string path, ConfigurationSources sources, string origin, List<ConfigurationError> errors)
    {
        var full = LocusPaths.Resolve(path, sources.WorkingDirectory, sources.HomeDirectory);
        if (File.Exists(full))
        {
            return full;
        }

        errors.Add(new ConfigurationError(null, $"config file {full} does not exist", origin));
        return null;
    }
}
