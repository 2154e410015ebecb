namespace Locus.Architecture.Tests.Samples.ParentChild;

/// <summary>A parent namespace using its child, which uses it back: a cycle, since they are different namespaces.</summary>
public static class Parent
{
    public static int Children() => Child.Kid.Count;
}
