namespace Locus.Privacy;

/// <summary>
/// Restores placeholders in a streamed answer whose chunks may split a placeholder anywhere (<c>"&lt;EMA"</c> +
/// <c>"IL_1&gt;"</c>). It holds back only a suffix that could still become an issued placeholder, so the output is
/// exactly <see cref="Redaction.Restore(string)"/> of the whole answer (<see cref="Redaction.RestoreInJson"/> for a JSON
/// restorer) and other text is never delayed by more than a chunk.
/// </summary>
public sealed class StreamingRestorer
{
    private readonly Redaction redaction;
    private readonly bool inJson;
    private string held = "";

    internal StreamingRestorer(Redaction redaction, bool inJson)
    {
        this.redaction = redaction;
        this.inJson = inJson;
    }

    /// <summary>The restored text that is safe to emit now (possibly empty).</summary>
    public string Push(string chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (chunk.Length == 0)
        {
            return "";
        }

        var buffer = held.Length == 0 ? chunk : held + chunk;
        var keep = HeldSuffixStart(buffer);
        held = buffer[keep..];
        return redaction.Restore(keep == buffer.Length ? buffer : buffer[..keep], inJson);
    }

    /// <summary>At the end of the stream: what was held back, restored if it completed a placeholder.</summary>
    public string Flush()
    {
        var rest = redaction.Restore(held, inJson);
        held = "";
        return rest;
    }

    // Placeholders hold no '<' after their first char, so only the last '<' can start an unfinished one; every
    // placeholder before it is complete and restores the same in this piece as in the whole answer.
    private int HeldSuffixStart(string buffer)
    {
        var open = buffer.LastIndexOf('<');
        if (open < 0 || buffer.AsSpan(open).Contains('>') || !redaction.CouldBecomePlaceholder(buffer.AsSpan(open)))
        {
            return buffer.Length;
        }

        return open;
    }
}
