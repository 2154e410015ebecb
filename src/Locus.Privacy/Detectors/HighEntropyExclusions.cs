namespace Locus.Privacy.Detectors;

/// <summary>
/// Random-looking tokens that are not secrets: data URI payloads and other encoded files, public keys, content hashes
/// (SRI <c>sha512-...</c>, go.sum <c>h1:...</c>) and checksummed addresses.
/// </summary>
internal static class HighEntropyExclusions
{
    // Base64 of file headers: PNG, JPEG, GIF, WebP/RIFF, PDF, ZIP; SSH public key blobs (ssh-rsa, ssh-ed25519, ecdsa).
    private static readonly string[] EncodedFilePrefixes =
        ["iVBORw0KGgo", "/9j/", "R0lGOD", "UklGR", "JVBERi0", "UEsDB", "AAAAB3NzaC1", "AAAAC3NzaC1", "AAAAE2VjZHNh"];

    private static readonly string[] HashAlgorithms = ["sha1", "sha224", "sha256", "sha384", "sha512", "md5", "h1", "blake2b", "blake3"];

    public static bool IsExcluded(string text, int start, ReadOnlySpan<char> token)
    {
        foreach (var prefix in EncodedFilePrefixes)
        {
            if (token.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        // 0x-prefixed hex with EIP-55 mixed case is an address, not a key.
        if (token.StartsWith("0x", StringComparison.Ordinal) && Text.Chars.IsHexOrDash(token[2..]))
        {
            return true;
        }

        var before = text.AsSpan(Math.Max(0, start - 16), Math.Min(16, start));
        return before.EndsWith("base64,", StringComparison.OrdinalIgnoreCase)
            || IsLabelledHash(before, token);
    }

    /// <summary><c>sha512-AbC...</c> (the algorithm is inside the token), or <c>sha256:AbC...</c> / <c>h1:AbC...</c> just before it.</summary>
    private static bool IsLabelledHash(ReadOnlySpan<char> before, ReadOnlySpan<char> token)
    {
        foreach (var algorithm in HashAlgorithms)
        {
            if (token.StartsWith(algorithm, StringComparison.OrdinalIgnoreCase) && token.Length > algorithm.Length
                && token[algorithm.Length] is '-' or '_')
            {
                return true;
            }

            if (before.Length > algorithm.Length && before[^1] is ':' or '=' or '-'
                && before[..^1].EndsWith(algorithm, StringComparison.OrdinalIgnoreCase)
                && (before.Length == algorithm.Length + 1 || !char.IsAsciiLetterOrDigit(before[^(algorithm.Length + 2)])))
            {
                return true;
            }
        }

        return false;
    }
}
