using Locus.Core.Configuration;

namespace Locus.Testing;

/// <summary>Binds config sections from YAML text through the one config reader, as a load would.</summary>
public static class ConfigText
{
    /// <summary>
    /// Parses <paramref name="yaml"/> as if read from <paramref name="file"/> and binds <paramref name="section"/>;
    /// variables named by the config (<c>api_key_env</c>) come from <paramref name="variables"/> (default: none set).
    /// </summary>
    /// <exception cref="ConfigurationException">Any problem, all of them listed.</exception>
    public static T Bind<T>(IConfigSection<T> section, string yaml, string file, Func<string, string?>? variables = null)
    {
        var document = ConfigDocument.Parse(yaml, file, new ConfigurationSources { Variables = variables ?? (_ => null) });
        var value = document.Bind(section);
        document.ThrowIfInvalid();
        return value;
    }
}
