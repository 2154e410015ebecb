using System.Runtime.CompilerServices;
using System.Buffers;
using Locus.Privacy.Scanning;
using Locus.Privacy.Text;

namespace Locus.Privacy.Detectors;

/// <summary>
/// Secrets that a label announces: <c>api_key = "..."</c>, <c>"client_secret": "..."</c>, <c>DB_PASSWORD=...</c>,
/// <c>Authorization: Bearer ...</c>. The value must still look like a secret: types (<c>password: string</c>),
/// references (<c>${DB_PASSWORD}</c>, <c>os.environ["KEY"]</c>, <c>getpass()</c>), placeholders and words are not.
/// </summary>
internal sealed class AssignmentDetector : IDetector
{
    private const int MinSecret = 16;
    private const int MinPassword = 8;
    private const int MaxValue = 256;

    private static readonly SearchValues<string> Keywords = SearchValues.Create(
        ["pass", "pwd", "secret", "token", "key", "auth", "credential"], StringComparison.OrdinalIgnoreCase);

    // Not '>': "x = a->b" must read as one expression, which the reference check then rejects.
    private static readonly SearchValues<char> UnquotedEnd = SearchValues.Create(" \t\r\n,;)}]<\"'`");

    private static readonly string[] Schemes = ["Bearer ", "Basic ", "Token ", "Bot "];

    public IReadOnlyList<SensitiveKind> Kinds { get; } = [SensitiveKind.ApiKey, SensitiveKind.Password];

    // The scan runs on every prompt: optimised code from the first call, not after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Detect(ScanContext context, FindingSink sink)
    {
        var text = context.Text;
        var position = 0;
        while (position < text.Length && !sink.IsDone)
        {
            var found = text.AsSpan(position).IndexOfAny(Keywords);
            if (found < 0)
            {
                return;
            }

            var (nameStart, nameEnd) = ExpandName(text, position + found);
            position = Math.Max(nameEnd, position + found + 1);
            var family = AssignmentNames.Classify(text.AsSpan(nameStart, nameEnd - nameStart));
            if (family == AssignmentNames.Family.None)
            {
                continue;
            }

            var (valueStart, valueLength) = ReadValue(text, nameStart, nameEnd);
            if (valueLength == 0)
            {
                continue;
            }

            var value = text.AsSpan(valueStart, valueLength);
            var quoted = valueStart > 0 && text[valueStart - 1] is '"' or '\'' or '`';
            if (AssignedValue.IsReference(value, quoted))
            {
                continue;
            }

            if (family == AssignmentNames.Family.Password ? AssignedValue.IsPassword(value, MinPassword) : SecretShape.LooksLikeLabelledSecret(value, MinSecret))
            {
                var (kind, id) = family == AssignmentNames.Family.Password
                    ? (SensitiveKind.Password, DetectorIds.PasswordAssignment)
                    : (SensitiveKind.ApiKey, DetectorIds.SecretAssignment);
                sink.Add(kind, id, valueStart, valueLength, Specificity.Assignment);
                position = valueStart + valueLength;
            }
        }
    }

    private static (int Start, int End) ExpandName(string text, int at)
    {
        int start = at, end = at;
        while (start > 0 && IsNameChar(text[start - 1]))
        {
            start--;
        }

        while (end < text.Length && IsNameChar(text[end]))
        {
            end++;
        }

        // "the password." ends a sentence; the dot is not part of the name.
        while (end > at && text[end - 1] is '.' or '-')
        {
            end--;
        }

        return (start, end);
    }

    /// <summary>After the name: an optional closing quote, <c>=</c> <c>:</c> <c>:=</c> or <c>=&gt;</c>, then the value, quoted or bare.</summary>
    private static (int Start, int Length) ReadValue(string text, int nameStart, int nameEnd)
    {
        var i = nameEnd;
        if (Chars.At(text, i) is '"' or '\'' && Chars.At(text, nameStart - 1) == text[i])
        {
            i++;
        }

        i = SkipBlanks(text, i);
        var c = Chars.At(text, i);
        var next = Chars.At(text, i + 1);
        if (c == ':' && next == '=' || c == '=' && next == '>')
        {
            i += 2;
        }
        else if ((c == ':' && next != ':') || (c == '=' && next != '='))
        {
            i++;
        }
        else
        {
            return default;
        }

        i = SkipBlanks(text, i);
        foreach (var scheme in Schemes)
        {
            if (text.AsSpan(i).StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                i += scheme.Length;
                break;
            }
        }

        var quote = Chars.At(text, i);
        if (quote is '"' or '\'' or '`')
        {
            var close = text.AsSpan(i + 1, Math.Min(MaxValue, text.Length - i - 1)).IndexOfAny(quote, '\n');
            return close > 0 && text[i + 1 + close] == quote ? (i + 1, close) : default;
        }

        var length = text.AsSpan(i, Math.Min(MaxValue, text.Length - i)).IndexOfAny(UnquotedEnd);
        length = length < 0 ? Math.Min(MaxValue, text.Length - i) : length;
        while (length > 0 && text[i + length - 1] is '.' or ',')
        {
            length--; // sentence punctuation
        }

        return (i, length);
    }

    private static int SkipBlanks(string text, int i)
    {
        while (Chars.At(text, i) is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';
}
