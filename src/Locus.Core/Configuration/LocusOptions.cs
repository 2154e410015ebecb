namespace Locus.Core.Configuration;

/// <summary>All of Locus's settings: defaults, overlaid by the config file, then environment variables, then flags.</summary>
public sealed record LocusOptions
{
    public ServerOptions Server { get; init; } = new();

    public LlamaOptions Llama { get; init; } = new();

    public ModelStoreOptions Models { get; init; } = new();
}
