namespace Locus.Architecture.Tests.Samples.TypeofArgument.Left;

/// <summary>Names Right only in a typeof argument of a constructor.</summary>
[DescribedBy(typeof(Right.Description))]
public sealed class Described;
