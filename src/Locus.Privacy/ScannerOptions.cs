namespace Locus.Privacy;

/// <summary>Which kinds a scanner looks for.</summary>
public sealed record ScannerOptions
{
    /// <summary>The kinds to detect; null detects all of them. Detectors for other kinds do not run at all.</summary>
    public IReadOnlySet<SensitiveKind>? Kinds { get; init; }
}
