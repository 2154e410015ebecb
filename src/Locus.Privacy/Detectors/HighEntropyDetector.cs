using System.Runtime.CompilerServices;
using Locus.Privacy.Scanning;
using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>
/// Unlabelled generated credentials: tokens of 24+ base64/base62 chars that mix upper, lower and digits with high
/// entropy and do not read as words. Not: UUIDs, hex hashes, identifiers, paths and URLs made of words, encoded files
/// and labelled hashes (<see cref="HighEntropyExclusions"/>), the body of certificates and public keys. Tokens over
/// 1 KiB are data, not keys. It is the fallback and runs last: a token another detector already claimed (a key's
/// prefix, a PEM line, a JWT segment) is not evaluated again.
/// </summary>
internal sealed class HighEntropyDetector : IDetector
{
    private const int MinLength = 24;
    private const int MaxLength = 1024;

    // '.' and ':' split tokens, so versions, domains and file names fall apart into short words.
    private const string TokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-";

    // A lookup table rather than SearchValues: prose is mostly short words, where a plain loop beats two vectorised
    // searches per word.
    private static readonly bool[] IsTokenChar = BuildTable();

    public IReadOnlyList<SensitiveKind> Kinds { get; } = [SensitiveKind.HighEntropySecret];

    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Detect(ScanContext context, FindingSink sink)
    {
        var text = context.Text;
        var span = text.AsSpan();
        var publicBlocks = PublicPemBlocks.Find(text);
        var position = 0;
        while (position + MinLength <= span.Length && !sink.IsDone)
        {
            // A token of MinLength+ chars starting anywhere in [position, probe] covers the probe, so when the probe is
            // not a token char the whole stretch is skipped: prose costs one look per MinLength chars.
            var probe = position + MinLength - 1;
            if (!IsToken(span[probe]))
            {
                position = probe + 1;
                continue;
            }

            var start = probe;
            while (start > position && IsToken(span[start - 1]))
            {
                start--;
            }

            var end = probe + 1;
            while (end < span.Length && IsToken(span[end]))
            {
                end++;
            }

            position = end;
            if (end - start < MinLength || end - start > MaxLength || Chars.IsAlnumAt(text, start - 1) || Chars.IsAlnumAt(text, end)
                || PublicPemBlocks.Contains(publicBlocks, start) || sink.Overlaps(start, end))
            {
                continue;
            }

            // Base64 padding belongs to the token; an '=' followed by more is an assignment (key=value).
            var padded = end;
            while (padded < span.Length && span[padded] == '=' && padded - end < 2)
            {
                padded++;
            }

            if (padded > end && (padded < span.Length && (IsToken(span[padded]) || span[padded] == '=')))
            {
                padded = end;
            }

            Evaluate(text, start, end, padded, sink);
        }
    }

    private static bool IsToken(char c) => c < 128 && IsTokenChar[c];

    private static bool[] BuildTable()
    {
        var table = new bool[128];
        foreach (var c in TokenAlphabet)
        {
            table[c] = true;
        }

        return table;
    }

    private static void Evaluate(string text, int start, int end, int padded, FindingSink sink)
    {
        // Cheap tests first: most long tokens are hex, lower-case identifiers or paths without digits.
        var token = text.AsSpan(start, end - start);
        if (!SecretShape.HasGeneratedMix(token))
        {
            return;
        }

        if (!token.Contains('/') || !IsPathLike(token))
        {
            if (!IsJoinedWords(token) && !HighEntropyExclusions.IsExcluded(text, start, token) && SecretShape.LooksGenerated(token, MinLength))
            {
                sink.Add(SensitiveKind.HighEntropySecret, DetectorIds.HighEntropyToken, start, padded - start, Specificity.HighEntropy);
            }

            return;
        }

        // A path or URL path: only a generated segment in it is a secret (/hooks/T0123/B0456/AbCdEf...).
        foreach (var range in token.Split('/'))
        {
            var (offset, length) = range.GetOffsetAndLength(token.Length);
            var segment = token.Slice(offset, length);
            if (segment.Length >= MinLength && !IsJoinedWords(segment)
                && !HighEntropyExclusions.IsExcluded(text, start + offset, segment) && SecretShape.LooksGenerated(segment, MinLength))
            {
                sink.Add(SensitiveKind.HighEntropySecret, DetectorIds.HighEntropyToken, start + offset, length, Specificity.HighEntropy);
            }
        }
    }

    /// <summary>
    /// Many short parts joined by '_' or '-' (<c>X509_STORE_CTX_get_ex_data</c>, <c>EVP_PKEY_CTX_set_rsa_mgf1_md</c>):
    /// a C or constant name. In base64url those separators come about once in 32 chars, leaving long parts.
    /// </summary>
    private static bool IsJoinedWords(ReadOnlySpan<char> token)
    {
        var separators = token.Count('_') + token.Count('-');
        return separators >= 2 && (token.Length - separators) / (separators + 1) <= 6;
    }

    /// <summary>Most segments between slashes are words, numbers, short or hex: a path, not base64 that happens to hold '/'.</summary>
    private static bool IsPathLike(ReadOnlySpan<char> token)
    {
        int segments = 0, ordinary = 0;
        foreach (var range in token.Split('/'))
        {
            var segment = token[range];
            segments++;
            if (segment.Length < 8 || Chars.IsHexOrDash(segment) || SecretShape.ReadsAsWords(segment))
            {
                ordinary++;
            }
        }

        return ordinary * 2 > segments;
    }
}
