namespace Locus.Architecture.Tests.Samples.GenericArgument.Left;

/// <summary>Names Right only as a generic method argument in a body (a method instantiation).</summary>
public sealed class Source
{
    public static int Count() => Array.Empty<Right.Target>().Length;
}
