using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>Tells a literal secret after <c>password=</c> from code and documentation that only refer to one.</summary>
internal static class AssignedValue
{
    private static readonly HashSet<string> NonValues = new(
    [
        "null", "none", "nil", "true", "false", "undefined", "string", "str", "bytes", "required", "optional", "empty",
        "password", "passwd", "secret", "token", "changeme", "example", "redacted", "hidden", "masked", "todo",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Environment and template references (<c>$X</c>, <c>${X}</c>, <c>%X%</c>, <c>{{ x }}</c>, <c>&lt;your-key&gt;</c>),
    /// masks (<c>****</c>, <c>xxxx</c>), type names and literals, paths, and — unquoted — expressions
    /// (<c>cfg.password</c>, <c>f()</c>, <c>p-&gt;pass</c>).
    /// </summary>
    public static bool IsReference(ReadOnlySpan<char> value, bool quoted)
    {
        if (value[0] is '$' or '%' or '{' or '<' or '[' or '(' || value.Contains("{{", StringComparison.Ordinal)
            || value.Contains("${", StringComparison.Ordinal) || !value.ContainsAnyExcept('*') || !value.ContainsAnyExcept("xX")
            || NonValues.GetAlternateLookup<ReadOnlySpan<char>>().Contains(value))
        {
            return true;
        }

        // A path is a location, not a password (PWD=/home/me, key_file: ~/.ssh/id_rsa).
        if (value[0] is '/' or '~' || value.StartsWith("./", StringComparison.Ordinal)
            || (value.Length > 2 && char.IsAsciiLetter(value[0]) && value[1] == ':' && value[2] is '\\' or '/'))
        {
            return true;
        }

        return !quoted && (value.ContainsAny("([") || value.Contains("->", StringComparison.Ordinal) || IsDottedPath(value));
    }

    /// <summary>
    /// A password someone chose: 8+ chars of three classes, or 12+ chars of two with some entropy. A name without
    /// digits (<c>key_password</c>, <c>challengePassword</c>) is a variable or a field, not a password.
    /// </summary>
    public static bool IsPassword(ReadOnlySpan<char> value, int minLength)
    {
        if (value.Length < minLength || value.ContainsAny(" \t"))
        {
            return false;
        }

        var mix = CharMix.Of(value);
        if (mix.Digit == 0 && IsIdentifier(value))
        {
            return false;
        }

        var classes = (mix.Upper > 0 ? 1 : 0) + (mix.Lower > 0 ? 1 : 0) + (mix.Digit > 0 ? 1 : 0) + (mix.Other > 0 ? 1 : 0);
        return classes >= 3 || (classes == 2 && value.Length >= 12 && ShannonEntropy.BitsPerChar(value) >= 3.5);
    }

    private static bool IsIdentifier(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    // config.password, os.environ.DB_PASS, process.env.TOKEN: member access, not a literal.
    private static bool IsDottedPath(ReadOnlySpan<char> value)
    {
        if (!value.Contains('.'))
        {
            return false;
        }

        foreach (var range in value.Split('.'))
        {
            var part = value[range];
            if (part.IsEmpty || !(char.IsAsciiLetter(part[0]) || part[0] == '_'))
            {
                return false;
            }

            foreach (var c in part)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                {
                    return false;
                }
            }
        }

        return true;
    }
}
