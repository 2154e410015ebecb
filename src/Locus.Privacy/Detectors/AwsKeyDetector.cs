using System.Runtime.CompilerServices;
using System.Buffers;
using Locus.Privacy.Scanning;
using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>
/// AWS access key ids (<c>AKIA</c>/<c>ASIA</c> + 16 upper-case alphanumerics) and the secret access key next to one:
/// a 40-char base64 token within a few lines of the same paragraph. A secret key alone has no format of its own;
/// beside an id it is almost certain (a lone one is still found as a high-entropy token).
/// </summary>
internal sealed class AwsKeyDetector : IDetector
{
    private const int IdLength = 20;
    private const int SecretLength = 40;
    private const int SecretWindow = 200;

    private static readonly SearchValues<string> Prefixes = SearchValues.Create(["AKIA", "ASIA"], StringComparison.Ordinal);
    private static readonly SearchValues<char> IdChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    private static readonly SearchValues<char> SecretChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    public IReadOnlyList<SensitiveKind> Kinds { get; } = [SensitiveKind.ApiKey];

    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Detect(ScanContext context, FindingSink sink)
    {
        var text = context.Text;
        var position = 0;
        while (position < text.Length && !sink.IsDone)
        {
            var found = text.AsSpan(position).IndexOfAny(Prefixes);
            if (found < 0)
            {
                return;
            }

            var start = position + found;
            position = start + 1;
            if (IsAccessKeyId(text, start))
            {
                sink.Add(SensitiveKind.ApiKey, DetectorIds.AwsAccessKeyId, start, IdLength, Specificity.ProviderKey);
                FindSecretNear(text, start, sink);
                position = start + IdLength;
            }
        }
    }

    private static bool IsAccessKeyId(string text, int start)
    {
        if (Chars.IsAlnumAt(text, start - 1) || start + IdLength > text.Length || Chars.IsAlnumAt(text, start + IdLength))
        {
            return false;
        }

        var body = text.AsSpan(start + 4, IdLength - 4);
        if (body.ContainsAnyExcept(IdChars))
        {
            return false;
        }

        // Real ids are base32 and almost always hold a digit; this keeps shouted words (ASIAPACIFICREGION...) out.
        return body.ContainsAnyInRange('0', '9') || ShannonEntropy.BitsPerChar(body) >= 3.5;
    }

    private static void FindSecretNear(string text, int idStart, FindingSink sink)
    {
        var from = Math.Max(0, idStart - SecretWindow);
        var to = Math.Min(text.Length, idStart + IdLength + SecretWindow);

        // Credentials files and env blocks keep the pair together; a blank line starts something else.
        var blankBefore = text.AsSpan(from, idStart - from).LastIndexOf("\n\n");
        from = blankBefore < 0 ? from : from + blankBefore + 2;
        var blankAfter = text.AsSpan(idStart, to - idStart).IndexOf("\n\n");
        to = blankAfter < 0 ? to : idStart + blankAfter;
        while (from > 0 && SecretChars.Contains(text[from - 1]))
        {
            from--; // start at a token's beginning, or its length would be wrong
        }
        var position = from;
        while (position < to)
        {
            var found = text.AsSpan(position, to - position).IndexOfAny(SecretChars);
            if (found < 0)
            {
                return;
            }

            var start = position + found;
            var length = text.AsSpan(start).IndexOfAnyExcept(SecretChars);
            length = length < 0 ? text.Length - start : length;
            var end = start + length;
            if (length == SecretLength && Chars.At(text, end) != '=' && SecretShape.LooksGenerated(text.AsSpan(start, length), SecretLength))
            {
                sink.Add(SensitiveKind.ApiKey, DetectorIds.AwsSecretAccessKey, start, length, Specificity.AwsSecretKey);
            }

            position = end;
        }
    }
}
