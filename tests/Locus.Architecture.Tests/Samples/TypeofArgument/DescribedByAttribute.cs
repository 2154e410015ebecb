namespace Locus.Architecture.Tests.Samples.TypeofArgument;

/// <summary>Takes types as arguments: the attribute blob spells them by name, not by token.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DescribedByAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;

    public Type[] Also { get; init; } = [];
}
