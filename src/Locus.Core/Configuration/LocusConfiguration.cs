namespace Locus.Core.Configuration;

/// <summary>
/// Loads Locus's settings. Precedence, lowest to highest: built-in defaults, one YAML config file, <c>LOCUS_*</c>
/// environment variables, then flag overrides. See docs/configuration.md for every key.
/// </summary>
public static class LocusConfiguration
{
    /// <summary>Builds validated options from <paramref name="sources"/>.</summary>
    /// <exception cref="ConfigurationException">Any problem; it lists all of them, each naming its key and source.</exception>
    public static LocusOptions Load(ConfigurationSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var errors = new List<ConfigurationError>();
        var settings = new Dictionary<string, RawSetting>(StringComparer.Ordinal);

        var file = ConfigFileLocator.Locate(sources, errors);
        var layers = new[]
        {
            file is null ? [] : YamlSettingsReader.Read(file, errors),
            FlatSettingsReader.FromEnvironment(sources.Environment, sources.WorkingDirectory),
            FlatSettingsReader.FromOverrides(sources.Overrides, sources.WorkingDirectory, errors),
        };
        foreach (var setting in layers.SelectMany(layer => layer))
        {
            // Later layers overwrite earlier ones: that is the whole precedence rule.
            settings[setting.Key] = setting;
        }

        var reader = new SettingReader(settings, sources, errors);
        var options = OptionsBinder.Bind(reader);
        CrossKeyValidator.Validate(options, reader, errors);
        return errors.Count == 0 ? options : throw new ConfigurationException(errors);
    }

    /// <summary>
    /// The config file <see cref="Load"/> would read: an explicit path, else <c>LOCUS_CONFIG</c>, else
    /// <c>./locus.yaml</c>, else <c>~/.config/locus/config.yaml</c>; null when there is none.
    /// </summary>
    /// <exception cref="ConfigurationException">An explicitly named file does not exist.</exception>
    public static string? FindConfigFile(ConfigurationSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var errors = new List<ConfigurationError>();
        var file = ConfigFileLocator.Locate(sources, errors);
        return errors.Count == 0 ? file : throw new ConfigurationException(errors);
    }
}
