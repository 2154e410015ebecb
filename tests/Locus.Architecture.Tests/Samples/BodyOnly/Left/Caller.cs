namespace Locus.Architecture.Tests.Samples.BodyOnly.Left;

/// <summary>Uses Right only inside a method body: no signature names it.</summary>
public static class Caller
{
    public static int Count() => new Right.Callee().Size;
}
