namespace Locus.Architecture.Tests.Samples.AttributeOnly.Left;

/// <summary>Uses Right only through the attribute on it.</summary>
[Right.Note]
[AttributeUsage(AttributeTargets.Class)]
public sealed class MarkAttribute : Attribute;
