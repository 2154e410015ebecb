using System.Runtime.CompilerServices;
using System.Buffers;
using Locus.Privacy.Scanning;

namespace Locus.Privacy.Detectors;

/// <summary>
/// PEM and PGP private key blocks (<c>-----BEGIN RSA PRIVATE KEY-----</c> ... <c>-----END RSA PRIVATE KEY-----</c>),
/// reported whole. A block pasted without its END line still counts, up to the end of its base64 body. The body must
/// be base64 (line breaks may be JSON-escaped, as in cloud service-account files), so code that merely names the
/// markers is not a key. Public keys and certificates are not secrets and are left alone.
/// </summary>
internal sealed class PrivateKeyDetector : IDetector
{
    private const string Begin = "-----BEGIN ";
    private const string Dashes = "-----";
    private const int MaxLabel = 48;

    private static readonly SearchValues<char> Base64Line =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    public IReadOnlyList<SensitiveKind> Kinds { get; } = [SensitiveKind.PrivateKey];

    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Detect(ScanContext context, FindingSink sink)
    {
        var text = context.Text;
        var position = 0;
        while (position < text.Length && !sink.IsDone)
        {
            var start = text.IndexOf(Begin, position, StringComparison.Ordinal);
            if (start < 0)
            {
                return;
            }

            var labelStart = start + Begin.Length;
            var labelLength = text.AsSpan(labelStart, Math.Min(MaxLabel, text.Length - labelStart)).IndexOf(Dashes);
            position = labelStart;
            if (labelLength <= 0)
            {
                continue;
            }

            var label = text.AsSpan(labelStart, labelLength);
            if (!label.EndsWith("PRIVATE KEY") && !label.SequenceEqual("PGP PRIVATE KEY BLOCK"))
            {
                continue;
            }

            var headerEnd = labelStart + labelLength + Dashes.Length;
            var footer = $"-----END {label}-----";
            var footerStart = text.IndexOf(footer, headerEnd, StringComparison.Ordinal);
            var end = footerStart >= 0 && IsKeyBody(text.AsSpan(headerEnd, footerStart - headerEnd))
                ? footerStart + footer.Length
                : EndOfBody(text, headerEnd);
            if (end > headerEnd)
            {
                sink.Add(SensitiveKind.PrivateKey, DetectorIds.PrivateKey, start, end - start, Specificity.PrivateKeyBlock);
                position = end;
            }
        }
    }

    /// <summary>Lines of base64 (at least 16 chars in all) and PEM/PGP header lines, separated by real or escaped line breaks.</summary>
    private static bool IsKeyBody(ReadOnlySpan<char> body)
    {
        var base64 = 0;
        foreach (var range in body.Split('\n'))
        {
            var line = body[range];
            while (!line.IsEmpty)
            {
                var escaped = line.IndexOf("\\n", StringComparison.Ordinal);
                var part = (escaped < 0 ? line : line[..escaped]).Trim();
                line = escaped < 0 ? default : line[(escaped + 2)..];
                if (part.IsEmpty)
                {
                    continue;
                }

                if (!part.ContainsAnyExcept(Base64Line))
                {
                    base64 += part.Length;
                }
                else if (!part.Contains(": ", StringComparison.Ordinal))
                {
                    return false;
                }
            }
        }

        return base64 >= 16;
    }

    /// <summary>
    /// Where a block without a (believable) END stops: after the last line of base64, PEM/PGP headers and one blank
    /// line allowed; <paramref name="headerEnd"/> itself when no base64 follows.
    /// </summary>
    private static int EndOfBody(string text, int headerEnd)
    {
        var end = headerEnd;
        var sawBody = false;
        var lineStart = headerEnd;
        while (lineStart < text.Length)
        {
            var newline = text.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? text.Length : newline;
            var line = text.AsSpan(lineStart, lineEnd - lineStart).Trim();
            if (line.IsEmpty)
            {
                if (sawBody)
                {
                    break;
                }
            }
            else if (!line.ContainsAnyExcept(Base64Line))
            {
                sawBody = true;
                end = lineStart + text.AsSpan(lineStart, lineEnd - lineStart).TrimEnd().Length;
            }
            else if (!sawBody && line.Contains(": ", StringComparison.Ordinal))
            {
                end = lineStart + text.AsSpan(lineStart, lineEnd - lineStart).TrimEnd().Length;
            }
            else
            {
                break;
            }

            if (newline < 0)
            {
                break;
            }

            lineStart = newline + 1;
        }

        return end;
    }
}
