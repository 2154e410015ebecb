namespace Locus.Core.Configuration;

/// <summary>Reads the two flat sources: environment variables and command-line overrides.</summary>
internal static class FlatSettingsReader
{
    /// <summary>
    /// One variable per key. An empty variable counts as unset, because <c>FOO= locus serve</c> is how shells
    /// clear a variable for one command. Unknown <c>LOCUS_*</c> names are ignored: other tools may define their own.
    /// </summary>
    public static IEnumerable<RawSetting> FromEnvironment(IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        foreach (var key in ConfigKeys.All)
        {
            if (environment.TryGetValue(key.EnvironmentVariable, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                var origin = new SettingOrigin($"from environment variable {key.EnvironmentVariable}", workingDirectory);
                yield return RawSetting.Scalar(key.Name, value.Trim(), origin);
            }
        }
    }

    /// <summary>
    /// Overrides by dotted key. Unlike the environment, an empty value means null here, so a flag can clear an
    /// optional setting the config file made (e.g. <c>llama.native_dir=</c>).
    /// </summary>
    public static IEnumerable<RawSetting> FromOverrides(
        IReadOnlyDictionary<string, string> overrides, string workingDirectory, List<ConfigurationError> errors)
    {
        foreach (var (name, value) in overrides.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var key = ConfigKeys.Find(name.Trim());
            var origin = new SettingOrigin($"from command-line override {name.Trim()}", workingDirectory);
            if (key is null)
            {
                var hint = ConfigKeys.Suggest(name.Trim()) is { } suggestion ? $"; did you mean {suggestion}?" : "";
                errors.Add(new ConfigurationError(name.Trim(), "unknown key" + hint, origin.Description));
                continue;
            }

            yield return string.IsNullOrWhiteSpace(value)
                ? new RawSetting(key.Name, RawShape.Null, null, [], origin)
                : RawSetting.Scalar(key.Name, value.Trim(), origin);
        }
    }
}
