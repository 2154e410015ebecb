using System.Runtime.CompilerServices;
using System.Buffers;
using Locus.Privacy.Scanning;
using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>
/// Provider and cloud API keys recognised by their documented prefix (<c>sk-proj-</c>, <c>ghp_</c>, <c>AIza</c> ...).
/// One vectorised search finds every prefix; the body must then have the format's alphabet and length and look
/// generated, so that <c>sk-learn</c> or <c>hf_hub_download</c> in prose are not keys.
/// </summary>
internal sealed class ProviderKeyDetector : IDetector
{
    private static readonly SearchValues<string> Prefixes =
        SearchValues.Create(ProviderKeyRules.All.Select(r => r.Prefix).Distinct().ToArray(), StringComparison.Ordinal);

    private const string OpenAiMarker = "T3BlbkFJ";

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
            var end = TryMatch(text, start, sink);
            position = end > start ? end : start + 1;
        }
    }

    /// <returns>The end of the key reported at <paramref name="start"/>, or <paramref name="start"/> when there is none.</returns>
    private static int TryMatch(string text, int start, FindingSink sink)
    {
        var before = Chars.At(text, start - 1);
        if (Chars.IsAlnum(before) || before == '_')
        {
            return start;
        }

        var span = text.AsSpan(start);
        foreach (var rule in ProviderKeyRules.All)
        {
            if (!span.StartsWith(rule.Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            // The first rule whose prefix matches decides: an sk-ant- key with a bad body is not an OpenAI key.
            var body = span[rule.Prefix.Length..];
            var length = body.IndexOfAnyExcept(rule.Body);
            length = length < 0 ? body.Length : length;
            body = body[..length];
            // Legacy OpenAI keys carry base64("OpenAI") in the middle, which settles any doubt about words.
            var rejectWords = rule.RejectWords && !body.Contains(OpenAiMarker, StringComparison.Ordinal);
            if (length < rule.MinBody || length > rule.MaxBody || !SecretShape.LooksLikeKeyBody(body, rejectWords))
            {
                return start;
            }

            var total = rule.Prefix.Length + length;
            sink.Add(SensitiveKind.ApiKey, rule.Detector, start, total, Specificity.ProviderKey);
            return start + total;
        }

        return start;
    }
}
