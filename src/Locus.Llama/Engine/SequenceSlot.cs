namespace Locus.Llama.Engine;

/// <summary>
/// One sequence of the shared context: the tokens its KV cells hold, kept after a request ends so that the next one
/// sharing a prefix with them evaluates only the rest, and the generation running on it now.
/// </summary>
internal sealed class SequenceSlot(int id)
{
    public int Id { get; } = id;

    /// <summary>The token at each position of this sequence's KV cells, from position 0.</summary>
    public List<int> Cached { get; } = [];

    public Generation? Active { get; set; }

    /// <summary>When its last request ended (a timestamp): among equals, the least recently used slot is taken.</summary>
    public long LastUsed { get; set; }
}

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
