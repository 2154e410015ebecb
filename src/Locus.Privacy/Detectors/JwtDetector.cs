using System.Runtime.CompilerServices;
using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Locus.Privacy.Scanning;
using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>
/// JSON Web Tokens: three base64url segments whose first two decode to JSON objects, the header naming an
/// <c>alg</c>. Headers start with <c>{"</c>, which base64url-encodes to <c>eyJ</c>: that is the pre-filter.
/// </summary>
internal sealed class JwtDetector : IDetector
{
    private const int MaxSegment = 16 * 1024;

    private static readonly SearchValues<char> Base64UrlChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public IReadOnlyList<SensitiveKind> Kinds { get; } = [SensitiveKind.Jwt];

    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Detect(ScanContext context, FindingSink sink)
    {
        var text = context.Text;
        var position = 0;
        while (position < text.Length && !sink.IsDone)
        {
            var start = text.IndexOf("eyJ", position, StringComparison.Ordinal);
            if (start < 0)
            {
                return;
            }

            var end = Match(text, start);
            if (end > start)
            {
                sink.Add(SensitiveKind.Jwt, DetectorIds.Jwt, start, end - start, Specificity.Jwt);
                position = end;
            }
            else
            {
                position = start + 3;
            }
        }
    }

    /// <returns>The token's end, or <paramref name="start"/> when this is not a JWT.</returns>
    private static int Match(string text, int start)
    {
        var before = Chars.At(text, start - 1);
        if (Chars.IsAlnum(before) || before is '-' or '_')
        {
            return start;
        }

        var headerEnd = SegmentEnd(text, start);
        if (Chars.At(text, headerEnd) != '.')
        {
            return start;
        }

        var payloadEnd = SegmentEnd(text, headerEnd + 1);
        if (Chars.At(text, payloadEnd) != '.' || payloadEnd == headerEnd + 1)
        {
            return start;
        }

        var signatureEnd = SegmentEnd(text, payloadEnd + 1);
        var isJwt = DecodesToObject(text.AsSpan(start, headerEnd - start), requireAlg: true)
            && DecodesToObject(text.AsSpan(headerEnd + 1, payloadEnd - headerEnd - 1), requireAlg: false);
        return isJwt ? signatureEnd : start;
    }

    private static int SegmentEnd(string text, int from)
    {
        if (from >= text.Length)
        {
            return text.Length;
        }

        var length = text.AsSpan(from).IndexOfAnyExcept(Base64UrlChars);
        return length < 0 ? text.Length : from + length;
    }

    private static bool DecodesToObject(ReadOnlySpan<char> segment, bool requireAlg)
    {
        if (segment.Length is 0 or > MaxSegment)
        {
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(segment.Length));
        try
        {
            if (Base64Url.DecodeFromChars(segment, buffer, out _, out var written) != OperationStatus.Done)
            {
                return false;
            }

            return IsObject(buffer.AsSpan(0, written), requireAlg);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsObject(ReadOnlySpan<byte> json, bool requireAlg)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var hasAlg = false;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("alg"u8))
                {
                    hasAlg = true;
                }
            }

            return reader.BytesConsumed == json.Length && (hasAlg || !requireAlg);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
