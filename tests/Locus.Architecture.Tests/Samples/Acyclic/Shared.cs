namespace Locus.Architecture.Tests.Samples.Acyclic;

/// <summary>Used by both children, uses neither: no cycle.</summary>
public sealed record Shared(int Value);
