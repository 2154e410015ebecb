namespace Locus.Privacy.Scanning;

/// <summary>A finding before overlaps are resolved; <paramref name="Priority"/> is the detector's <see cref="Specificity"/>.</summary>
internal readonly record struct Candidate(SensitiveFinding Finding, int Priority);
