namespace Locus.Architecture.Tests.Samples.SignatureOnly.Right;

/// <summary>Names Left only in a signature.</summary>
public abstract class Item
{
    public abstract void Accept(Left.IHolder holder);
}
