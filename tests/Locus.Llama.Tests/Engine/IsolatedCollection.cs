namespace Locus.Llama.Tests.Engine;

/// <summary>
/// Tests that measure the process (RSS) or compare timings run alone: other tests loading models and allocating in
/// the same process at the same time would move the numbers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IsolatedCollection
{
    public const string Name = "isolated";
}
