namespace Locus.Architecture.Tests.Samples.TypeofArgument.Right;

/// <summary>Names Left only in a typeof argument inside a named array argument.</summary>
[DescribedBy(typeof(object), Also = [typeof(string), typeof(Left.Described)])]
public sealed class Description;
