namespace Locus.Server.Tests.EndToEnd;

/// <summary>RSS measurements run alone: other tests allocating in the same process would move the numbers.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "memory";
}
