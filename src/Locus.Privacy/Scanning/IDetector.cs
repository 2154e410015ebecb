namespace Locus.Privacy.Scanning;

/// <summary>One family of sensitive values. Detectors report candidates; the scanner resolves overlaps between them.</summary>
internal interface IDetector
{
    /// <summary>The kinds this detector can report; a scanner that wants none of them never runs it.</summary>
    IReadOnlyList<SensitiveKind> Kinds { get; }

    void Detect(ScanContext context, FindingSink sink);
}
