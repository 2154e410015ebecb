using System.Runtime.CompilerServices;
using Locus.Privacy.Checksums;
using Locus.Privacy.Scanning;
using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>
/// IBANs: a country code, two check digits and a BBAN of exactly the country's length, compact or in groups of four,
/// with a valid ISO 7064 mod-97 checksum (which a random IBAN-shaped string passes 1 time in 97).
/// </summary>
internal sealed class IbanDetector : IDetector
{
    private const int MaxLength = 34;

    public IReadOnlyList<SensitiveKind> Kinds { get; } = [SensitiveKind.Iban];

    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Detect(ScanContext context, FindingSink sink)
    {
        var text = context.Text;
        Span<char> compact = stackalloc char[MaxLength];
        var skipUntil = 0;
        foreach (var run in context.DigitRuns)
        {
            if (sink.IsDone)
            {
                return;
            }

            // The check digits follow the country code directly: "DE89...", with nothing glued before the code.
            var start = run.Start - 2;
            if (start < skipUntil || run.Length < 2 || !Chars.IsUpperAt(text, start) || !Chars.IsUpperAt(text, start + 1)
                || Chars.IsAlnumAt(text, start - 1))
            {
                continue;
            }

            var length = IbanCountries.LengthOf(text.AsSpan(start, 2));
            var end = length == 0 ? -1 : ReadIban(text, start, compact[..length]);
            if (end > 0 && IbanMod97.IsValid(compact[..length]))
            {
                sink.Add(SensitiveKind.Iban, DetectorIds.Iban, start, end - start, Specificity.Iban);
                skipUntil = end;
            }
        }
    }

    /// <summary>Fills <paramref name="compact"/> with exactly its length of characters, compact or grouped by four.</summary>
    /// <returns>The end of the IBAN in the text, or -1 when the text does not hold one of this length there.</returns>
    private static int ReadIban(string text, int start, Span<char> compact)
    {
        var n = 0;
        var i = start;
        var grouped = Chars.At(text, start + 4) == ' ';
        while (n < compact.Length)
        {
            var c = Chars.At(text, i);
            if (char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c))
            {
                compact[n++] = c;
                i++;
            }
            else if (c == ' ' && grouped && n % 4 == 0 && n > 0 && i > start && text[i - 1] != ' ')
            {
                i++;
            }
            else
            {
                return -1;
            }
        }

        return Chars.IsAlnumAt(text, i) ? -1 : i;
    }
}
