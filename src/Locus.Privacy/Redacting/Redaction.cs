using System.Text;

namespace Locus.Privacy;

/// <summary>
/// One request's redaction: replaces sensitive values with placeholders before text leaves the device, and puts the
/// originals back into the answer. The same value gets the same placeholder in every message of the request, so
/// the model can still tell that two mentions are the same person or key. Not thread-safe: one per request, used
/// by one flow at a time (redact the messages, then restore the answer).
/// </summary>
public sealed class Redaction
{
    private readonly ISensitivityScanner scanner;
    private readonly Dictionary<string, string> placeholderByValue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> valueByPlaceholder = new(StringComparer.Ordinal);
    private readonly Dictionary<SensitiveKind, int> lastNumber = [];
    private readonly List<SensitiveKind> kinds = [];

    // The originals redacted so far: a placeholder that already occurs in one of them would restore into user text.
    private readonly List<string> originals = [];

    private Redaction(ISensitivityScanner scanner) => this.scanner = scanner;

    /// <summary>Distinct values replaced so far.</summary>
    public int Count => placeholderByValue.Count;

    /// <summary>The kinds replaced so far, in order of first appearance.</summary>
    public IReadOnlyList<SensitiveKind> Kinds => kinds;

    /// <summary>Length of the longest placeholder issued, so a streaming restorer knows how much to hold back at most.</summary>
    internal int LongestPlaceholder { get; private set; }

    public static Redaction Create(ISensitivityScanner scanner)
    {
        ArgumentNullException.ThrowIfNull(scanner);
        return new Redaction(scanner);
    }

    /// <summary>The text with every finding replaced by its placeholder; the same instance when nothing was found.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('<', StringComparison.Ordinal))
        {
            originals.Add(text); // only such texts can contain a placeholder
        }

        var findings = scanner.Scan(text);
        if (findings.Count == 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var position = 0;
        foreach (var finding in findings)
        {
            result.Append(text, position, finding.Start - position);
            result.Append(PlaceholderFor(text.Substring(finding.Start, finding.Length), finding.Kind));
            position = finding.End;
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>Every issued placeholder in <paramref name="text"/> replaced by its original; other text untouched.</summary>
    public string Restore(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Count == 0 || !text.Contains('<', StringComparison.Ordinal))
        {
            return text;
        }

        var lookup = valueByPlaceholder.GetAlternateLookup<ReadOnlySpan<char>>();
        StringBuilder? result = null;
        var copied = 0;
        var position = 0;
        while (true)
        {
            var open = text.IndexOf('<', position);
            if (open < 0)
            {
                break;
            }

            var window = text.AsSpan(open, Math.Min(LongestPlaceholder, text.Length - open));
            var close = window.IndexOf('>');
            if (close > 0 && lookup.TryGetValue(window[..(close + 1)], out var original))
            {
                result ??= new StringBuilder(text.Length + 64);
                result.Append(text, copied, open - copied).Append(original);
                copied = position = open + close + 1;
            }
            else
            {
                position = open + 1;
            }
        }

        return result is null ? text : result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>A restorer for one streamed answer.</summary>
    public StreamingRestorer CreateStreamingRestorer() => new(this);

    /// <summary>Whether <paramref name="partial"/> (starting with '&lt;') could still grow into an issued placeholder.</summary>
    internal bool CouldBecomePlaceholder(ReadOnlySpan<char> partial)
    {
        if (partial.Length >= LongestPlaceholder)
        {
            return false;
        }

        foreach (var placeholder in valueByPlaceholder.Keys)
        {
            if (placeholder.Length > partial.Length && placeholder.AsSpan().StartsWith(partial, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private string PlaceholderFor(string value, SensitiveKind kind)
    {
        if (placeholderByValue.TryGetValue(value, out var existing))
        {
            return existing;
        }

        string placeholder;
        var number = lastNumber.GetValueOrDefault(kind);
        do
        {
            placeholder = PlaceholderNames.Format(kind, ++number);
        }
        while (OccursInOriginals(placeholder));

        lastNumber[kind] = number;
        placeholderByValue.Add(value, placeholder);
        valueByPlaceholder.Add(placeholder, value);
        LongestPlaceholder = Math.Max(LongestPlaceholder, placeholder.Length);
        if (!kinds.Contains(kind))
        {
            kinds.Add(kind);
        }

        return placeholder;
    }

    private bool OccursInOriginals(string placeholder)
    {
        foreach (var original in originals)
        {
            if (original.Contains(placeholder, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
