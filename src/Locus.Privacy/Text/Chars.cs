namespace Locus.Privacy.Text;

/// <summary>Bounds-safe character tests shared by the detectors (out-of-range reads as '\0', a boundary).</summary>
internal static class Chars
{
    public static char At(string text, int index) => (uint)index < (uint)text.Length ? text[index] : '\0';

    /// <summary>A letter or digit in any script: a value glued to one is part of a longer word, not a value on its own.</summary>
    public static bool IsAlnum(char c) => char.IsAsciiLetterOrDigit(c) || (c > 127 && char.IsLetterOrDigit(c));

    public static bool IsAlnumAt(string text, int index) => IsAlnum(At(text, index));

    public static bool IsDigitAt(string text, int index) => char.IsAsciiDigit(At(text, index));

    public static bool IsUpperAt(string text, int index) => char.IsAsciiLetterUpper(At(text, index));

    /// <summary>Hex digits and dashes only: hashes, UUIDs, hex-encoded bytes.</summary>
    public static bool IsHexOrDash(ReadOnlySpan<char> value) => !value.ContainsAnyExcept(HexDigitsAndDash);

    private static readonly System.Buffers.SearchValues<char> HexDigitsAndDash =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF-");
}
