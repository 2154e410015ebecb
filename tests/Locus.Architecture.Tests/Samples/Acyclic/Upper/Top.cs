namespace Locus.Architecture.Tests.Samples.Acyclic.Upper;

/// <summary>Uses Lower and the parent in signatures and bodies; nothing uses Upper back.</summary>
public sealed class Top
{
    public Lower.Bottom Bottom { get; } = new();

    public int Read() => Bottom.Make().Value + new Shared(2).Value;

    /// <summary>An anonymous type is the compiler's, in no namespace: it is not a node.</summary>
    public static object Anonymous() => new { Value = 1 };
}
