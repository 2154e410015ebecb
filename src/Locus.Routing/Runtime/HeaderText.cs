using System.Text;

namespace Locus.Routing.Runtime;

/// <summary>Header values are ASCII: arrows and other symbols in explanations get plain spellings.</summary>
internal static class HeaderText
{
    public static string Ascii(string text, int maxLength)
    {
        var builder = new StringBuilder(Math.Min(text.Length, maxLength));
        foreach (var c in text)
        {
            var part = c switch
            {
                '→' => "->",
                '×' => "x",
                '≥' => ">=",
                '≤' => "<=",
                '…' => "...",
                '°' => "deg ",
                _ when c is >= ' ' and <= '~' => null,
                _ => "?",
            };
            if (part is null)
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(part);
            }

            if (builder.Length >= maxLength)
            {
                return builder.ToString(0, maxLength - 3) + "...";
            }
        }

        return builder.ToString();
    }
}
