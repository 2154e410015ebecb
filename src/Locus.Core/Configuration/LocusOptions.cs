namespace Locus.Core.Configuration;

/// <summary>All of Locus's settings: defaults, overlaid by the config file, then environment variables, then flags.</summary>
public sealed record LocusOptions
{
    public ServerOptions Server { get; init; } = new();

    public LlamaOptions Llama { get; init; } = new();

    public ModelStoreOptions Models { get; init; } = new();

    /// <summary>The <c>server</c>, <c>llama</c> and <c>models</c> sections, with their environment and flag layers.</summary>
    public static IConfigSection<LocusOptions> Section { get; } = new LocusOptionsSection();
}
