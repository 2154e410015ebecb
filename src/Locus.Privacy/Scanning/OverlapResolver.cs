namespace Locus.Privacy.Scanning;

/// <summary>Turns overlapping candidates into sorted, non-overlapping findings: most specific first, then longest.</summary>
internal static class OverlapResolver
{
    public static IReadOnlyList<SensitiveFinding> Resolve(List<Candidate> candidates)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        candidates.Sort(static (a, b) =>
            a.Priority != b.Priority ? b.Priority.CompareTo(a.Priority)
            : a.Finding.Length != b.Finding.Length ? b.Finding.Length.CompareTo(a.Finding.Length)
            : a.Finding.Start.CompareTo(b.Finding.Start));

        // Kept sorted by start, so an overlap can only be with the neighbours of the insertion point.
        var accepted = new List<SensitiveFinding>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var f = candidate.Finding;
            var index = LowerBound(accepted, f.Start);
            var overlapsPrevious = index > 0 && accepted[index - 1].End > f.Start;
            var overlapsNext = index < accepted.Count && accepted[index].Start < f.End;
            if (!overlapsPrevious && !overlapsNext)
            {
                accepted.Insert(index, f);
            }
        }

        return accepted;
    }

    private static int LowerBound(List<SensitiveFinding> sorted, int start)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid].Start < start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
