namespace Locus.Core.Configuration;

/// <summary>
/// Binds the flat sections (<c>server</c>, <c>llama</c>, <c>models</c>). Precedence, lowest to highest: built-in
/// defaults, the config file, <c>LOCUS_*</c> environment variables, then flag overrides. See docs/configuration.md.
/// </summary>
internal sealed class LocusOptionsSection : IConfigSection<LocusOptions>
{
    /// <summary>The three sections, and each dotted key, which may also be written whole at the top level.</summary>
    public IReadOnlyList<string> Keys { get; } =
        [.. ConfigKeys.All.Select(k => k.Name), .. ConfigKeys.Sections];

    public LocusOptions Bind(ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sources = document.Sources;
        var errors = document.ErrorList;
        var settings = new Dictionary<string, RawSetting>(StringComparer.Ordinal);
        var layers = new[]
        {
            YamlSettingsReader.Read(document),
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
        return options;
    }
}
