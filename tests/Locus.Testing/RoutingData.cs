using Xunit;

namespace Locus.Testing;

/// <summary>
/// The public routing data sets in ../shared/data/routing beside the folder holding Locus.slnx (never copied into the
/// repository). Tests that read them use <see cref="RoutingDataFactAttribute"/> and skip, saying why, without them.
/// </summary>
public static class RoutingData
{
    public const string MissingReason = "../shared/data/routing (beside the folder holding Locus.slnx) is absent; these tests read the public RouteLLM/RouterBench data (see ../shared/data/README.md)";

    public static string? Folder { get; } = Locate();

    public static string RouteLlm => Path.Combine(Folder ?? "", "routellm");

    public static string RouterBench => Path.Combine(Folder ?? "", "routerbench");

    private static string? Locate() =>
        RepositoryRoot.Shared("data", "routing") is { } routing && Directory.Exists(Path.Combine(routing, "routellm", "mmlu")) ? routing : null;
}

/// <summary>A fact that reads ../shared/data/routing; skipped with <see cref="RoutingData.MissingReason"/> without it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RoutingDataFactAttribute : FactAttribute
{
    public RoutingDataFactAttribute()
    {
        if (RoutingData.Folder is null)
        {
            Skip = RoutingData.MissingReason;
        }
    }
}
