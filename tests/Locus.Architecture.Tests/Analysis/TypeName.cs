namespace Locus.Architecture.Tests.Analysis;

/// <summary>A type as a developer reads it: its namespace and its name (nested types as <c>Outer+Inner</c>).</summary>
internal sealed record TypeName(string Namespace, string Name)
{
    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}.{Name}";
}

/// <summary>One type of an assembly using another type of the same assembly.</summary>
internal sealed record TypeUse(TypeName From, TypeName To);
