namespace Locus.Architecture.Tests.Samples.AttributeOnly.Right;

/// <summary>Uses Left only through the attribute on it.</summary>
[Left.Mark]
[AttributeUsage(AttributeTargets.Class)]
public sealed class NoteAttribute : Attribute;
