namespace Locus.Cli.Tests.Mesh;

/// <summary>Tests that run several `locus serve` processes at once: alone, so their timing does not compete with
/// other test classes for this machine's two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "mesh processes";
}
