namespace Locus.Llama.Engine;

/// <summary>Picks the idle slot whose cached tokens share the longest prefix with a prompt.</summary>
internal static class PrefixMatch
{
    public static int CommonLength(List<int> cached, ReadOnlySpan<int> prompt)
    {
        var length = Math.Min(cached.Count, prompt.Length);
        var i = 0;
        while (i < length && cached[i] == prompt[i])
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// The idle slot sharing the longest prefix with <paramref name="prompt"/> and that length; when none shares any,
    /// the least recently used idle slot, so that the prefixes used most recently survive longest. Null when none is idle.
    /// </summary>
    public static (SequenceSlot? Slot, int Shared) Choose(IReadOnlyList<SequenceSlot> slots, ReadOnlySpan<int> prompt, bool reuse)
    {
        SequenceSlot? best = null;
        var bestShared = -1;
        foreach (var slot in slots)
        {
            if (slot.Active is not null)
            {
                continue;
            }

            var shared = reuse ? CommonLength(slot.Cached, prompt) : 0;
            if (shared > bestShared || (shared == bestShared && slot.LastUsed < best!.LastUsed))
            {
                best = slot;
                bestShared = shared;
            }
        }

        return (best, Math.Max(0, bestShared));
    }
}
