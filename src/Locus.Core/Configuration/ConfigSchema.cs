namespace Locus.Core.Configuration;

/// <summary>
/// The sections a program understands. Opening a config through the schema parses the file once and reports each
/// top-level key that no section reads, suggesting the closest registered one; the caller then binds the sections it
/// needs from the same document.
/// </summary>
public sealed class ConfigSchema
{
    // A plain set, not a frozen one: building a frozen set costs more start-up time than its faster lookups
    // could ever repay for the few top-level keys of one file, and every command opens the schema.
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">Two sections claim the same top-level key.</exception>
    public ConfigSchema(IEnumerable<IConfigSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        Sections = [.. sections];
        Keys = [.. Sections.SelectMany(s => s.Keys)];
        foreach (var key in Keys)
        {
            if (!_known.Add(key))
            {
                throw new ArgumentException($"two sections read the top-level key '{key}'", nameof(sections));
            }
        }
    }

    public IReadOnlyList<IConfigSection> Sections { get; }

    /// <summary>Every top-level key some section reads.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Finds, reads and parses the config file once (see <see cref="ConfigDocument.Load"/>) and checks its top level.</summary>
    public ConfigDocument Open(ConfigurationSources sources) => Check(ConfigDocument.Load(sources));

    /// <summary>Parses config text already read from <paramref name="file"/> and checks its top level.</summary>
    public ConfigDocument Open(string yaml, string file, ConfigurationSources sources) =>
        Check(ConfigDocument.Parse(yaml, file, sources));

    /// <summary>Reports each top-level key of <paramref name="document"/> that no section reads; returns the document.</summary>
    public ConfigDocument Check(ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var (key, _) in document.RootNode.Children)
        {
            var name = ConfigMap.NameOf(key);
            if (!_known.Contains(name))
            {
                var hint = KeySuggestions.Closest(name, Keys) is { } suggestion ? $"; did you mean {suggestion}?" : "";
                document.ErrorList.Add(new ConfigurationError(name, "unknown key" + hint, ConfigDocument.At(document.File, key)));
            }
        }

        return document;
    }
}
