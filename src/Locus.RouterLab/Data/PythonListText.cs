using System.Text;

namespace Locus.RouterLab.Data;

/// <summary>
/// RouterBench stores each response as the Python repr of a one-element list (<c>['C\n']</c>, <c>["Here's …"]</c>);
/// this recovers the text the model produced.
/// </summary>
internal static class PythonListText
{
    public static string Unwrap(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var text = cell.Trim();
        if (text.Length < 4 || text[0] != '[' || text[^1] != ']' || (text[1] != '\'' && text[1] != '"') || text[^2] != text[1])
        {
            return cell;
        }

        return Unescape(text[2..^2]);
    }

    private static string Unescape(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                result.Append(text[i]);
                continue;
            }

            var escaped = text[++i];
            result.Append(escaped switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                _ => escaped, // \\, \', \" and anything unusual: the character itself
            });
        }

        return result.ToString();
    }
}
