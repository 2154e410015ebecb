using Locus.Core.Configuration;
using Locus.Hardware.Devices;
using Locus.Ledger.Configuration;
using Locus.Mesh.Configuration;
using Locus.Routing.Options;

namespace Locus.Node.Configuration;

/// <summary>
/// The whole config of a node, one record per section, each bound by the project that owns it from one parse of
/// the file. <see cref="Schema"/> is the one list of sections; a top-level key none of them reads is an error.
/// </summary>
public sealed record NodeConfig
{
    // Built on first use: it touches every section's type, loading its project, which a command that reads no
    // config file (the common `locus plan`) never needs.
    private static readonly Lazy<ConfigSchema> LazySchema = new(() => new(
    [
        LocusOptions.Section,
        RouterConfig.Section,
        LedgerSettings.Section,
        MeshSettings.Section,
        DeviceSettings.Section,
    ]));

    /// <summary>Every section a node reads, in the order their problems are reported.</summary>
    public static ConfigSchema Schema => LazySchema.Value;

    /// <summary>The config file read; null when there was none (defaults, environment and flags only).</summary>
    public string? File { get; init; }

    /// <summary><c>server</c>, <c>llama</c> and <c>models</c>, with the environment and flag layers applied.</summary>
    public LocusOptions Options { get; init; } = new();

    /// <summary><c>targets</c>, <c>routing</c>, <c>clients</c> and <c>memory</c>.</summary>
    public RouterConfig Routing { get; init; } = new();

    public LedgerSettings Ledger { get; init; } = new();

    public MeshSettings Mesh { get; init; } = new();

    public DeviceSettings Devices { get; init; } = new();

    /// <summary>Reads the config file once and binds every section.</summary>
    /// <exception cref="ConfigurationException">Any problem in any section; all of them are listed.</exception>
    public static NodeConfig Load(ConfigurationSources sources)
    {
        var document = Schema.Open(sources);
        var config = Bind(document);
        document.ThrowIfInvalid();
        return config;
    }

    /// <summary>
    /// Reads the config file once and binds only <paramref name="section"/>, for commands that need no more; the
    /// file's top level is still checked against every section.
    /// </summary>
    /// <exception cref="ConfigurationException">Any problem in that section or the top level; all of them are listed.</exception>
    public static T Load<T>(ConfigurationSources sources, IConfigSection<T> section)
    {
        var document = ConfigDocument.Load(sources);
        if (document.File is not null)
        {
            Schema.Check(document);
        }

        var value = document.Bind(section);
        document.ThrowIfInvalid();
        return value;
    }

    private static NodeConfig Bind(ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new NodeConfig
        {
            File = document.File,
            Options = document.Bind(LocusOptions.Section),
            Routing = document.Bind(RouterConfig.Section),
            Ledger = document.Bind(LedgerSettings.Section),
            Mesh = document.Bind(MeshSettings.Section),
            Devices = document.Bind(DeviceSettings.Section),
        };
    }
}
