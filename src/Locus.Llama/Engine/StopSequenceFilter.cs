namespace Locus.Llama.Engine;

/// <summary>
/// Turns generated text into what the client may see: text is held back only while it could still be the start of a
/// stop sequence, and generation ends at the first stop sequence (which is not emitted), as OpenAI does.
/// </summary>
internal sealed class StopSequenceFilter(IReadOnlyList<string> stops)
{
    private readonly string[] _stops = stops.Where(s => s.Length > 0).ToArray();
    private string _pending = "";

    public bool Stopped { get; private set; }

    /// <summary>The stop sequence that ended generation, once <see cref="Stopped"/>.</summary>
    public string? Matched { get; private set; }

    /// <summary>Adds new text; returns the part that is now safe to emit (possibly empty).</summary>
    public string Push(string text)
    {
        if (Stopped)
        {
            return "";
        }

        if (_stops.Length == 0)
        {
            return text;
        }

        var pending = _pending + text;
        var (stopAt, stop) = FirstStop(pending);
        if (stopAt >= 0)
        {
            Stopped = true;
            Matched = stop;
            _pending = "";
            return pending[..stopAt];
        }

        var keep = LongestStopPrefixSuffix(pending);
        _pending = pending[(pending.Length - keep)..];
        return pending[..(pending.Length - keep)];
    }

    /// <summary>Generation ended without a stop sequence: release what was held back.</summary>
    public string Flush()
    {
        var rest = Stopped ? "" : _pending;
        _pending = "";
        return rest;
    }

    private (int Index, string? Stop) FirstStop(string text)
    {
        var first = -1;
        string? matched = null;
        foreach (var stop in _stops)
        {
            var index = text.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0 && (first < 0 || index < first))
            {
                first = index;
                matched = stop;
            }
        }

        return (first, matched);
    }

    /// <summary>Length of the longest suffix of <paramref name="text"/> that is a proper prefix of some stop sequence.</summary>
    private int LongestStopPrefixSuffix(string text)
    {
        var best = 0;
        foreach (var stop in _stops)
        {
            for (var length = Math.Min(stop.Length - 1, text.Length); length > best; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    best = length;
                    break;
                }
            }
        }

        return best;
    }
}
