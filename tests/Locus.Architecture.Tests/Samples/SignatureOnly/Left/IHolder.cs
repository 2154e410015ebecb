namespace Locus.Architecture.Tests.Samples.SignatureOnly.Left;

/// <summary>Names Right only in a signature (no bodies at all).</summary>
public interface IHolder
{
    Right.Item Current { get; }
}
