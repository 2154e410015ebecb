using System.Globalization;
using System.Text.RegularExpressions;

namespace Locus.Routing.Ensembles;

/// <summary>
/// Recognises short answers conservatively: the whole answer (one line, at most <see cref="MaxLength"/> characters)
/// must be a letter, a number, yes/no/true/false or a phrase of at most <see cref="MaxPhraseWords"/> words, possibly
/// behind "Answer:" / "The answer is". The one exception is GSM8K's "#### 42" final line, which marks the answer
/// after any amount of reasoning. Anything else is long, so that look-alikes ("B is wrong because…") never vote.
/// </summary>
internal static partial class ShortAnswerExtractor
{
    public const int MaxLength = 64;
    public const int MaxPhraseWords = 4;

    public static ShortAnswer? Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var lastLine = trimmed[(trimmed.LastIndexOf('\n') + 1)..].Trim();
        if (FinalAnswerMarker().Match(lastLine) is { Success: true } marked)
        {
            return Number(Unwrap(marked.Groups["rest"].Value));
        }

        if (trimmed.Length is 0 or > MaxLength || trimmed.Contains('\n', StringComparison.Ordinal))
        {
            return null;
        }

        var answer = Unwrap(trimmed);
        if (AnswerPrefix().Match(answer) is { Success: true } prefixed)
        {
            answer = Unwrap(prefixed.Groups["rest"].Value);
            // After "the answer is", a lone lower-case letter is a choice too ("answer: b").
            if (answer.Length == 1 && char.IsAsciiLetterLower(answer[0]))
            {
                answer = answer.ToUpperInvariant();
            }
        }

        return Choice(answer) ?? Number(answer) ?? YesNo(answer) ?? Phrase(answer);
    }

    private static ShortAnswer? Choice(string text) =>
        ChoiceLetter().Match(text) is { Success: true } m ? new ShortAnswer(ShortAnswerKind.Choice, m.Groups["letter"].Value) : null;

    private static ShortAnswer? Number(string text)
    {
        if (NumberPattern().Match(text) is not { Success: true } m)
        {
            return null;
        }

        var digits = m.Groups["int"].Value.Replace(",", "", StringComparison.Ordinal) + m.Groups["frac"].Value;
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        if (m.Groups["sign"].Value is "-" or "−")
        {
            value = -value;
        }

        var normal = value.ToString("0.############################", CultureInfo.InvariantCulture) + m.Groups["percent"].Value;
        return new ShortAnswer(ShortAnswerKind.Number, normal == "-0" ? "0" : normal);
    }

    private static ShortAnswer? YesNo(string text) =>
        text.ToLowerInvariant() is var lower && lower is "yes" or "no" or "true" or "false" ? new ShortAnswer(ShortAnswerKind.YesNo, lower) : null;

    private static ShortAnswer? Phrase(string text)
    {
        if (!PhrasePattern().IsMatch(text))
        {
            return null;
        }

        var words = WordSimilarity.WordList(text).ToList();
        return words.Count is > 0 and <= MaxPhraseWords ? new ShortAnswer(ShortAnswerKind.Phrase, string.Join(' ', words)) : null;
    }

    // Emphasis, quotes and closing punctuation around an answer say nothing about it.
    private static string Unwrap(string text) => text.Trim().Trim('*', '_', '`', '"', '“', '”').Trim().TrimEnd('.', '!', '?', ';').Trim();

    [GeneratedRegex(@"^#{4}\s*(?<rest>.+)$")]
    private static partial Regex FinalAnswerMarker();

    [GeneratedRegex(@"^(?:so,?\s+|therefore,?\s+)?(?:the\s+)?(?:final\s+|correct\s+|right\s+|best\s+)?(?:answer|option|choice)\s*(?:is\s*:?|:|=)\s*(?<rest>\S.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex AnswerPrefix();

    // "B", "(B)", "B)", "B:", and a choice followed by its option text: "B) Paris", "(B) Paris".
    [GeneratedRegex(@"^(?:\((?<letter>[A-J])\)|(?<letter>[A-J])\)|(?<letter>[A-J]):?)(?:(?<=\))\s+[^\n]{1,40})?$")]
    private static partial Regex ChoiceLetter();

    [GeneratedRegex(@"^(?<sign>[-+−]?)\$?(?<int>\d{1,3}(?:,\d{3})+|\d+)(?<frac>\.\d+)?(?<percent>%?)$")]
    private static partial Regex NumberPattern();

    // Letters (at least one), digits, spaces and light punctuation; no code, maths or markup characters.
    [GeneratedRegex(@"^(?=.*\p{L})[\p{L}\p{N} ,.'’\-]+$")]
    private static partial Regex PhrasePattern();
}
