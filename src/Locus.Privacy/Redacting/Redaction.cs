using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

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

    /// <summary>
    /// Scans <paramref name="texts"/> and issues placeholders for what they hold, without rewriting anything: a first
    /// pass over every text of a request, so that <see cref="Redact"/> then also replaces a value found in one text
    /// (where a label gave it away) wherever else it occurs, bare (a stop sequence, an enum value in a tool schema).
    /// </summary>
    public void Learn(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var all = texts as IReadOnlyCollection<string> ?? [.. texts];
        // Every text first, so that no placeholder issued for one can already occur in another.
        originals.AddRange(all.Where(t => t.Contains('<', StringComparison.Ordinal)));
        foreach (var text in all)
        {
            foreach (var finding in scanner.Scan(text))
            {
                PlaceholderFor(text.Substring(finding.Start, finding.Length), finding.Kind);
            }
        }
    }

    /// <summary>
    /// The text with every finding, and every value redacted before in this request, replaced by its placeholder;
    /// the same instance when there was nothing to replace.
    /// </summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('<', StringComparison.Ordinal))
        {
            originals.Add(text); // only such texts can contain a placeholder
        }

        var findings = scanner.Scan(text);
        var spans = new List<(int Start, int Length, string Placeholder)>(findings.Count);
        foreach (var finding in findings)
        {
            spans.Add((finding.Start, finding.Length, PlaceholderFor(text.Substring(finding.Start, finding.Length), finding.Kind)));
        }

        AddKnownValues(text, spans);
        if (spans.Count == 0)
        {
            return text;
        }

        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var result = new StringBuilder(text.Length);
        var position = 0;
        foreach (var (start, length, placeholder) in spans)
        {
            result.Append(text, position, start - position).Append(placeholder);
            position = start + length;
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>Occurrences of already-redacted values outside the spans found so far, longest values first.</summary>
    private void AddKnownValues(string text, List<(int Start, int Length, string Placeholder)> spans)
    {
        if (placeholderByValue.Count == 0)
        {
            return;
        }

        foreach (var (value, placeholder) in placeholderByValue.OrderByDescending(p => p.Key.Length))
        {
            var at = text.IndexOf(value, StringComparison.Ordinal);
            while (at >= 0)
            {
                var end = at + value.Length;
                if (!spans.Exists(s => at < s.Start + s.Length && s.Start < end))
                {
                    spans.Add((at, value.Length, placeholder));
                }

                at = text.IndexOf(value, at + 1, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Every issued placeholder in <paramref name="text"/> replaced by its original; other text untouched.</summary>
    public string Restore(string text) => Restore(text, inJson: false);

    /// <summary>
    /// Like <see cref="Restore(string)"/> for JSON text whose placeholders sit inside string literals (a tool call's
    /// arguments): each original goes in JSON-escaped, so a quote or backslash in it keeps the JSON valid.
    /// </summary>
    public string RestoreInJson(string json) => Restore(json, inJson: true);

    internal string Restore(string text, bool inJson)
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
                result.Append(text, copied, open - copied).Append(inJson ? JsonEscaped(original) : original);
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
    public StreamingRestorer CreateStreamingRestorer() => new(this, inJson: false);

    /// <summary>A restorer for one streamed JSON text (a tool call's arguments): originals go in JSON-escaped.</summary>
    public StreamingRestorer CreateJsonStreamingRestorer() => new(this, inJson: true);

    /// <summary>The characters of a JSON string literal's content that stand for <paramref name="value"/>.</summary>
    private static string JsonEscaped(string value) =>
        JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;

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
