using Locus.Privacy.Scanning;

namespace Locus.Privacy.Detectors;

/// <summary>Creates the built-in scanner (hand-written detectors with vectorised pre-filters; no regular expressions).</summary>
/// <remarks>It sits beside the detectors it assembles rather than in Locus.Privacy, so that the root namespace (the
/// contract: findings, kinds, options) depends on none of the namespaces that implement it.</remarks>
public static class SensitivityScanner
{
    public static ISensitivityScanner Create(ScannerOptions? options = null) =>
        new CompositeScanner(DetectorCatalog.All, options?.Kinds);

    /// <summary>Every id that <see cref="SensitiveFinding.Detector"/> can hold (e.g. for validating configuration).</summary>
    public static IReadOnlyList<string> DetectorIds => Scanning.DetectorIds.All;
}
