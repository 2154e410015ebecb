using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Locus.Core.Configuration;

/// <summary>
/// The config file, read and parsed once, with the sources around it (environment, overrides, folders). Every
/// section's binder reads from this one document and records its problems here, so a load reports the problems of
/// all sections together (<see cref="ThrowIfInvalid"/>).
/// </summary>
public sealed class ConfigDocument
{
    private readonly List<ConfigurationError> _errors;

    private ConfigDocument(string? file, string directory, YamlMappingNode root, ConfigurationSources sources, List<ConfigurationError> errors)
    {
        File = file;
        Directory = directory;
        Sources = sources;
        _errors = errors;
        RootNode = root;
        Root = new ConfigMap(root, "", this);
    }

    /// <summary>The config file as it was named (as error messages show it); null when there is none.</summary>
    public string? File { get; }

    /// <summary>What relative paths in the file are relative to: its folder, or the working folder without a file.</summary>
    public string Directory { get; }

    public ConfigurationSources Sources { get; }

    /// <summary>The top level of the file (empty without a file, or when the file could not be parsed).</summary>
    public ConfigMap Root { get; }

    /// <summary>Every problem recorded so far, in the order found.</summary>
    public IReadOnlyList<ConfigurationError> Errors => _errors;

    internal YamlMappingNode RootNode { get; }

    internal List<ConfigurationError> ErrorList => _errors;

    /// <summary>
    /// Finds the config file (an explicit path, else <c>LOCUS_CONFIG</c>, else <c>./locus.yaml</c>, else
    /// <c>~/.config/locus/config.yaml</c>), reads and parses it. Problems are recorded, not thrown.
    /// </summary>
    public static ConfigDocument Load(ConfigurationSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var errors = new List<ConfigurationError>();
        var file = ConfigFileLocator.Locate(sources, errors);
        if (file is null)
        {
            return new ConfigDocument(null, sources.WorkingDirectory, new YamlMappingNode(), sources, errors);
        }

        string text;
        try
        {
            text = System.IO.File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new ConfigurationError(null, $"cannot read config file {file}: {ex.Message}"));
            return new ConfigDocument(file, DirectoryOf(file), new YamlMappingNode(), sources, errors);
        }

        return Parse(text, file, sources, errors);
    }

    /// <summary>
    /// Whether <see cref="Load"/> would read a file: one is named (a path, or <c>LOCUS_CONFIG</c>; a missing one is an
    /// error <see cref="Load"/> reports) or exists at a default place. Without one every section binds to its defaults
    /// and environment layers, so a command needing only a section that has none can skip reading config at all.
    /// </summary>
    public static bool HasFile(ConfigurationSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return ConfigFileLocator.Any(sources);
    }

    /// <summary>Parses config text as if read from <paramref name="file"/> (relative paths are relative to its folder).</summary>
    public static ConfigDocument Parse(string yaml, string file, ConfigurationSources? sources = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        return Parse(yaml, file, sources ?? new ConfigurationSources(), []);
    }

    /// <summary>Binds one section; its problems join this document's.</summary>
    public T Bind<T>(IConfigSection<T> section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return section.Bind(this);
    }

    /// <summary>Records a problem that belongs to the file as a whole rather than one line (e.g. names that repeat).</summary>
    public void Report(string key, string message) =>
        _errors.Add(new ConfigurationError(key, message, File is null ? null : $"in {File}"));

    /// <summary>A path written in the file: <c>~</c> expanded, relative paths resolved against <see cref="Directory"/>.</summary>
    public string ResolvePath(string path) => LocusPaths.Resolve(path, Directory, Sources.HomeDirectory);

    /// <summary>The variable a config value names (e.g. an <c>api_key_env</c>), or null when it is not set.</summary>
    public string? Variable(string name) => Sources.Variables(name);

    /// <exception cref="ConfigurationException">Any problem was recorded; it lists all of them.</exception>
    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new ConfigurationException([.. _errors]);
        }
    }

    internal static string At(string? file, YamlNode node) => $"in {file}, line {node.Start.Line}";

    private static ConfigDocument Parse(string yaml, string file, ConfigurationSources sources, List<ConfigurationError> errors)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yaml));
        var empty = new YamlMappingNode();
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException ex)
        {
            errors.Add(new ConfigurationError(
                null, $"invalid YAML: {Describe(ex)}", $"in {file}, line {ex.Start.Line}, column {ex.Start.Column}"));
            return new ConfigDocument(file, DirectoryOf(file), empty, sources, errors);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16 throws this, without a position, on some malformed input (e.g. an unclosed "[" followed
            // by more keys); the scanner still knows how far it got.
            errors.Add(new ConfigurationError(
                null, "invalid YAML: the document is malformed (an unclosed bracket or quote?)",
                $"in {file}, line {scanner.CurrentPosition.Line}, column {scanner.CurrentPosition.Column}"));
            return new ConfigDocument(file, DirectoryOf(file), empty, sources, errors);
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add(new ConfigurationError(null, "a config file holds one YAML document; found several", $"in {file}"));
        }

        var root = stream.Documents.FirstOrDefault()?.RootNode;
        if (root is not (null or YamlMappingNode) && !ConfigMap.IsNull(root))
        {
            errors.Add(new ConfigurationError(null, "the top level must be a mapping of keys to values", At(file, root)));
        }

        return new ConfigDocument(file, DirectoryOf(file), root as YamlMappingNode ?? empty, sources, errors);
    }

    /// <summary>YamlDotNet prefixes its messages with the position, which the error already states.</summary>
    private static string Describe(YamlException ex)
    {
        var message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && cut >= 0 ? message[(cut + 3)..] : message;
    }

    private static string DirectoryOf(string file) => Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
}
