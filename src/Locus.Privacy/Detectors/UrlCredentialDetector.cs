using System.Runtime.CompilerServices;
using System.Buffers;
using Locus.Privacy.Scanning;

namespace Locus.Privacy.Detectors;

/// <summary>
/// The password in a URL's user info (<c>postgres://app:s3cret@db:5432</c>, <c>https://user:pass@host</c>). Only the
/// password is reported, so a redacted URL still tells the model which host and user it is about.
/// </summary>
internal sealed class UrlCredentialDetector : IDetector
{
    private const int MaxAuthority = 512;

    // Where an authority stops: the path, or the end of the URL in prose or markup. Not '?' or '#': people paste
    // passwords holding them without percent-encoding, and a query before the '@' is rare.
    private static readonly SearchValues<char> AuthorityEnd = SearchValues.Create("/\\ \t\r\n\"'`<>()[]{}|");

    public IReadOnlyList<SensitiveKind> Kinds { get; } = [SensitiveKind.Password];

    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Detect(ScanContext context, FindingSink sink)
    {
        var text = context.Text;
        var position = 0;
        while (position < text.Length && !sink.IsDone)
        {
            var separator = text.IndexOf("://", position, StringComparison.Ordinal);
            if (separator < 0)
            {
                return;
            }

            position = separator + 3;
            if (!HasScheme(text, separator))
            {
                continue;
            }

            var authority = text.AsSpan(position, Math.Min(MaxAuthority, text.Length - position));
            var length = authority.IndexOfAny(AuthorityEnd);
            authority = length < 0 ? authority : authority[..length];

            // The last '@' ends the user info: passwords may contain '@' only percent-encoded, but people paste them raw.
            var at = authority.LastIndexOf('@');
            var colon = at < 0 ? -1 : authority[..at].IndexOf(':');
            if (colon < 0 || at - colon - 1 <= 0 || at == authority.Length - 1)
            {
                continue;
            }

            var password = authority.Slice(colon + 1, at - colon - 1);
            if (!IsPlaceholder(password))
            {
                sink.Add(SensitiveKind.Password, DetectorIds.UrlCredentials, position + colon + 1, password.Length, Specificity.UrlCredentials);
            }

            position += at + 1;
        }
    }

    private static bool HasScheme(string text, int separator)
    {
        var start = separator;
        while (start > 0 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '+' or '.' or '-'))
        {
            start--;
        }

        return start < separator && char.IsAsciiLetter(text[start]);
    }

    /// <summary>
    /// Documentation writes <c>user:****@host</c>, <c>user:${PASSWORD}@host</c> or <c>username:password@host</c>
    /// (<c>user:&lt;password&gt;@host</c> never gets here: '&lt;' ends the authority).
    /// </summary>
    private static bool IsPlaceholder(ReadOnlySpan<char> password) =>
        !password.ContainsAnyExcept('*') || !password.ContainsAnyExcept('x') || password[0] is '$' or '%' or '{'
        || password.Equals("password", StringComparison.OrdinalIgnoreCase) || password.Equals("pass", StringComparison.OrdinalIgnoreCase)
        || password.Equals("secret", StringComparison.OrdinalIgnoreCase);
}
