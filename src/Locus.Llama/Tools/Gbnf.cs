using System.Globalization;
using System.Text;

namespace Locus.Llama.Tools;

/// <summary>Small GBNF text helpers: quoted literals and safe rule names.</summary>
internal static class Gbnf
{
    /// <summary>A GBNF string literal matching exactly <paramref name="text"/> (any Unicode; controls escaped).</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7F)
                    {
                        sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>
    /// A GBNF rule name built from <paramref name="text"/>: GBNF allows only letters, digits and '-', so anything
    /// else becomes '-'. Different texts can give the same name; callers add an index where that matters.
    /// </summary>
    public static string RuleName(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        return sb.ToString();
    }
}
