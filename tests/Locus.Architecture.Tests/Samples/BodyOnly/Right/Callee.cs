namespace Locus.Architecture.Tests.Samples.BodyOnly.Right;

/// <summary>Uses Left only inside a method body.</summary>
public sealed class Callee
{
    public int Offset { get; init; }

    public int Size => Left.Caller.Count() + Offset;
}
