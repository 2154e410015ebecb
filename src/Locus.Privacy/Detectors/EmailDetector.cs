using System.Runtime.CompilerServices;
using Locus.Privacy.Scanning;
using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>
/// Email addresses: an RFC 5322 dot-atom local part (the common characters), '@', two or more DNS labels and a real
/// top-level domain. Not: <c>@decorators</c>, <c>@scope/packages</c>, <c>icon@2x.png</c>, <c>user@localhost</c>,
/// the user of <c>https://user@host</c> or an SSH remote such as <c>git@github.com:org/repo.git</c>.
/// </summary>
internal sealed class EmailDetector : IDetector
{
    private const int MaxLocal = 64;
    private const int MaxDomain = 253;

    public IReadOnlyList<SensitiveKind> Kinds { get; } = [SensitiveKind.Email];

    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Detect(ScanContext context, FindingSink sink)
    {
        var text = context.Text;
        var position = 0;
        while (position < text.Length && !sink.IsDone)
        {
            var at = text.IndexOf('@', position);
            if (at < 0)
            {
                return;
            }

            position = at + 1;
            var start = LocalStart(text, at);
            var end = DomainEnd(text, at + 1);
            if (start < at && end > at + 1 && IsAddress(text, start, at, end))
            {
                sink.Add(SensitiveKind.Email, DetectorIds.Email, start, end - start, Specificity.Email);
                position = end;
            }
        }
    }

    private static int LocalStart(string text, int at)
    {
        var start = at;
        while (start > 0 && at - start < MaxLocal && IsLocalChar(text[start - 1]))
        {
            start--;
        }

        // A local part begins with a letter or digit; leading punctuation belongs to the sentence.
        while (start < at && !char.IsAsciiLetterOrDigit(text[start]))
        {
            start++;
        }

        return start;
    }

    private static int DomainEnd(string text, int from)
    {
        var end = from;
        while (end < text.Length && end - from < MaxDomain)
        {
            var c = text[end];
            if (char.IsAsciiLetterOrDigit(c) || c == '-' || (c == '.' && char.IsAsciiLetterOrDigit(Chars.At(text, end + 1))))
            {
                end++;
            }
            else
            {
                break;
            }
        }

        return end;
    }

    private static bool IsAddress(string text, int start, int at, int end)
    {
        if (Chars.IsAlnumAt(text, start - 1) || IsLocalChar(Chars.At(text, start - 1)) || Chars.IsAlnumAt(text, end)
            || (Chars.At(text, start - 1) == '/' && Chars.At(text, start - 2) == '/'))
        {
            return false;
        }

        var local = text.AsSpan(start, at - start);
        if (local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        // host:path after the domain is an SSH remote (git@github.com:org/repo.git), not an address.
        if (Chars.At(text, end) == ':' && !char.IsWhiteSpace(Chars.At(text, end + 1)) && end + 1 < text.Length)
        {
            return false;
        }

        var domain = text.AsSpan(at + 1, end - at - 1);
        var lastDot = domain.LastIndexOf('.');
        if (lastDot <= 0)
        {
            return false;
        }

        foreach (var label in domain.Split('.'))
        {
            var part = domain[label];
            if (part.IsEmpty || part.Length > 63 || part[0] == '-' || part[^1] == '-')
            {
                return false;
            }
        }

        return TopLevelDomains.LooksReal(domain[(lastDot + 1)..]);
    }

    private static bool IsLocalChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';
}
