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
