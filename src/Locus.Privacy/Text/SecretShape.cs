using System.Runtime.CompilerServices;
namespace Locus.Privacy.Text;

/// <summary>
/// Tells generated credentials from the random-looking text that fills prompts. Three tests: the character classes
/// mixed, the entropy, and whether the letters form words (identifiers are made of words, keys are not).
/// </summary>
internal static class SecretShape
{
    /// <summary>An unlabelled token that is probably a credential: long, upper+lower+digits, high entropy, not words, not hex (or a UUID).</summary>
    public static bool LooksGenerated(ReadOnlySpan<char> value, int minLength)
    {
        if (value.Length < minLength)
        {
            return false;
        }

        return HasGeneratedMix(value)
            && !ReadsAsWords(value)
            && ShannonEntropy.BitsPerChar(value) >= MinimumEntropy(value.Length);
    }

    /// <summary>The cheap part of <see cref="LooksGenerated"/>: upper, lower and digits, and not only hex.</summary>
    public static bool HasGeneratedMix(ReadOnlySpan<char> value)
    {
        var mix = CharMix.Of(value);
        return mix.Upper > 0 && mix.Lower > 0 && mix.Digit > 0 && !Chars.IsHexOrDash(value);
    }

    /// <summary>
    /// A value that a label such as <c>api_key=</c> already calls secret: the bar is lower (hex keys count), but
    /// placeholders, words and identifiers still do not.
    /// </summary>
    public static bool LooksLikeLabelledSecret(ReadOnlySpan<char> value, int minLength)
    {
        if (value.Length < minLength)
        {
            return false;
        }

        var mix = CharMix.Of(value);
        var classes = (mix.Upper > 0 ? 1 : 0) + (mix.Lower > 0 ? 1 : 0) + (mix.Digit > 0 ? 1 : 0);
        return classes >= 2 && mix.Digit + mix.Upper + mix.Lower >= value.Length * 3 / 4
            && ShannonEntropy.BitsPerChar(value) >= 3.0
            && !ReadsAsWords(value);
    }

    /// <summary>
    /// Identifiers score 0.85-1 on <see cref="WordLetterFraction"/> (<c>getUserAccountByIdentifier2</c> 0.92); 99% of
    /// random 24-char base62 keys score under 0.8 and the median is 0.35.
    /// </summary>
    internal const double MaxWordLetterFraction = 0.7;

    /// <summary>
    /// Whether a token is made of words: long word-like atoms, or — for abbreviated identifiers such as
    /// <c>xmlSecGnuTLSKeyDataX509GetCrl</c> (0.45 + 0.58) — word-like atoms and English letter pairs together.
    /// Calibrated on 20,000 random tokens per length and ~200 C/C++ identifiers from system headers: random base62
    /// reads as words 6.5% of the time at 24 chars, 4% at 32 and under 2% from 48 on; no identifier passed.
    /// </summary>
    internal static bool ReadsAsWords(ReadOnlySpan<char> value)
    {
        var words = WordLetterFraction(value);
        return words >= MaxWordLetterFraction || words + EnglishBigrams.CommonShare(value) >= 1.0;
    }

    /// <summary>
    /// The body after a provider prefix (<c>ghp_</c>, <c>hf_</c>): the prefix already says "key", so the body only has to
    /// be generated-looking — two character classes, mostly alphanumeric, some entropy.
    /// </summary>
    public static bool LooksLikeKeyBody(ReadOnlySpan<char> body, bool rejectWords)
    {
        var mix = CharMix.Of(body);
        var classes = (mix.Upper > 0 ? 1 : 0) + (mix.Lower > 0 ? 1 : 0) + (mix.Digit > 0 ? 1 : 0);
        return classes >= 2 && mix.Digit + mix.Upper + mix.Lower >= body.Length * 3 / 4
            && ShannonEntropy.BitsPerChar(body) >= 3.0
            && (!rejectWords || !ReadsAsWords(body));
    }

    /// <summary>
    /// Random base62 text of n chars has about log2(min(n, 62)) - 0.5 bits per char; identifiers and prose stay lower.
    /// The floor is a little under what random text reaches so that real keys pass with margin.
    /// </summary>
    internal static double MinimumEntropy(int length) => length switch
    {
        < 32 => 3.6,
        < 48 => 4.0,
        _ => 4.3,
    };

    /// <summary>
    /// The share of letters that sit in word-like atoms: runs of three or more letters, split at case changes
    /// (<c>getHTTPResponse</c> is get|HTTP|Response) and at anything else, with a vowel among them. Identifiers and
    /// paths score near 1; random text mostly changes case or class every one or two chars and scores low.
    /// </summary>
    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double WordLetterFraction(ReadOnlySpan<char> value)
    {
        int letters = 0, wordLetters = 0, atomStart = -1;
        var atomHasVowel = false;
        for (var i = 0; i <= value.Length; i++)
        {
            var c = i < value.Length ? value[i] : '\0';
            var isLetter = char.IsAsciiLetter(c);
            if (isLetter)
            {
                letters++;
            }

            if (atomStart >= 0 && (!isLetter || StartsNewAtom(value, i)))
            {
                var length = i - atomStart;
                wordLetters += length >= 4 || (length == 3 && atomHasVowel) ? length : 0;
                atomStart = -1;
            }

            if (isLetter)
            {
                if (atomStart < 0)
                {
                    atomStart = i;
                    atomHasVowel = false;
                }

                atomHasVowel |= IsVowel(c);
            }
        }

        return letters == 0 ? 0 : (double)wordLetters / letters;
    }

    // lower→Upper starts a word (getUser); so does the last capital of a capital run followed by lower (HTTPServer).
    private static bool StartsNewAtom(ReadOnlySpan<char> value, int i)
    {
        var c = value[i];
        var previous = value[i - 1];
        if (char.IsAsciiLetterUpper(c) && char.IsAsciiLetterLower(previous))
        {
            return true;
        }

        return char.IsAsciiLetterUpper(c) && char.IsAsciiLetterUpper(previous)
            && i + 1 < value.Length && char.IsAsciiLetterLower(value[i + 1]);
    }

    private static bool IsVowel(char c) => (c | 0x20) is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
}

/// <summary>Counts of character classes in a value.</summary>
internal readonly record struct CharMix(int Upper, int Lower, int Digit, int Other)
{
    public static CharMix Of(ReadOnlySpan<char> value)
    {
        int upper = 0, lower = 0, digit = 0, other = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                upper++;
            }
            else if (char.IsAsciiLetterLower(c))
            {
                lower++;
            }
            else if (char.IsAsciiDigit(c))
            {
                digit++;
            }
            else
            {
                other++;
            }
        }

        return new CharMix(upper, lower, digit, other);
    }
}
