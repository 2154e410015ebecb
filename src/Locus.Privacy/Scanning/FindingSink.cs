namespace Locus.Privacy.Scanning;

/// <summary>Collects candidates of the wanted kinds; in first-only mode it tells detectors to stop after one.</summary>
internal sealed class FindingSink(IReadOnlySet<SensitiveKind>? kinds, bool stopAtFirst)
{
    public List<Candidate> Candidates { get; } = [];

    /// <summary>Detectors check this in their loops so that <see cref="ISensitivityScanner.ContainsAny"/> returns early.</summary>
    public bool IsDone => stopAtFirst && Candidates.Count > 0;

    /// <summary>Whether a candidate already covers part of [start, end).</summary>
    public bool Overlaps(int start, int end)
    {
        foreach (var candidate in Candidates)
        {
            if (candidate.Finding.Start < end && candidate.Finding.End > start)
            {
                return true;
            }
        }

        return false;
    }

    public void Add(SensitiveKind kind, string detector, int start, int length, int priority)
    {
        if (kinds is null || kinds.Contains(kind))
        {
            Candidates.Add(new Candidate(new SensitiveFinding(kind, detector, start, length), priority));
        }
    }
}
