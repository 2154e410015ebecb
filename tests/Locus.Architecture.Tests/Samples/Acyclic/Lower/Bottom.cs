namespace Locus.Architecture.Tests.Samples.Acyclic.Lower;

public sealed class Bottom
{
    public int Seed { get; init; } = 1;

    public Shared Make() => new(Seed);
}
