using System.Security.Cryptography;
using System.Text;

namespace Locus.Mesh.Security;

/// <summary>
/// The one-time code node A shows: 8 symbols of Crockford base32 (40 bits), shown as <c>XXXX-XXXX</c>. Entry is
/// forgiving — case, spaces, dashes, and the look-alikes O/I/L for 0/1 — since a person types it.
/// </summary>
internal static class PairingCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Symbols = 8;

    public static string Generate()
    {
        var code = new StringBuilder(Symbols + 1);
        for (var i = 0; i < Symbols; i++)
        {
            if (i == Symbols / 2)
            {
                code.Append('-');
            }

            code.Append(Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]);
        }

        return code.ToString();
    }

    /// <summary>The canonical symbols, or null when the entry cannot be a code (wrong length, foreign characters).</summary>
    public static string? Normalize(string entered)
    {
        var symbols = new StringBuilder(Symbols);
        foreach (var c in entered.ToUpperInvariant())
        {
            var mapped = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (mapped is '-' or ' ')
            {
                continue;
            }

            if (!Alphabet.Contains(mapped, StringComparison.Ordinal))
            {
                return null;
            }

            symbols.Append(mapped);
        }

        return symbols.Length == Symbols ? symbols.ToString() : null;
    }
}
