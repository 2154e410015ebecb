namespace Locus.Routing.Ensembles;

/// <summary>What kind of short answer an answer is.</summary>
public enum ShortAnswerKind
{
    /// <summary>A multiple-choice letter A–J.</summary>
    Choice,

    /// <summary>A number, normalised (no thousands separators, currency sign or trailing zeros).</summary>
    Number,

    /// <summary>yes, no, true or false.</summary>
    YesNo,

    /// <summary>A phrase of a few words, lower-cased with punctuation and whitespace folded.</summary>
    Phrase,
}

/// <summary>
/// An answer reduced to what a vote compares: "(B)", "Answer: B" and "The answer is B." are all <c>Choice B</c>;
/// "$1,234.00" and "#### 1234" are <c>Number 1234</c>. Two answers agree when their short answers are equal.
/// </summary>
public sealed record ShortAnswer(ShortAnswerKind Kind, string Value)
{
    /// <summary>The short answer <paramref name="text"/> clearly is, or null when it is (or might be) a long answer.</summary>
    public static ShortAnswer? Extract(string text) => ShortAnswerExtractor.Extract(text);

    /// <summary>
    /// What may be shown of this answer in routing reasons (a header and a ledger column, where conversation content
    /// is not kept): the letter or yes/no itself, only the kind for numbers and phrases, which could carry user data.
    /// </summary>
    public string Display => Kind is ShortAnswerKind.Choice or ShortAnswerKind.YesNo ? $"\"{Value}\"" : Kind == ShortAnswerKind.Number ? "one number" : "one phrase";

    public override string ToString() => $"{Kind} {Value}";
}
