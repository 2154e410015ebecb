namespace Locus.Architecture.Tests.Samples.Closure.Left;

/// <summary>Uses Right only inside a lambda, which the compiler moves into a nested display class.</summary>
public static class Caller
{
    public static Func<int> Later(int seed) => () => new Right.Callee(seed).Value;
}
