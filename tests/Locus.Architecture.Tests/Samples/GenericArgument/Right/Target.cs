namespace Locus.Architecture.Tests.Samples.GenericArgument.Right;

/// <summary>Names Left only as a generic type argument in a body (a type specification).</summary>
public sealed class Target
{
    public static bool Holds(object value) => value is List<Left.Source>;
}
