namespace Locus.Architecture.Tests.Samples.ParentChild.Child;

public static class Kid
{
    public static int Count => Parent.Children() + 1;
}
