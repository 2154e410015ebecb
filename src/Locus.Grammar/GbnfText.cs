using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Locus.Grammar;

/// <summary>GBNF literals, and JSON values written compactly (as nlohmann's dump() does) for const and enum.</summary>
internal static class GbnfText
{
    /// <summary>A quoted GBNF literal matching <paramref name="text"/> exactly.</summary>
    public static string Literal(string text)
    {
        var result = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r': result.Append("\\r"); break;
                case '\n': result.Append("\\n"); break;
                case '"': result.Append("\\\""); break;
                case '\\': result.Append("\\\\"); break;
                case '\t': result.Append("\\t"); break;
                // Other control characters raw would end the C string (NUL) or confuse the parser: escape them.
                case < ' ': result.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture)); break;
                default: result.Append(c); break;
            }
        }

        return result.Append('"').ToString();
    }

    /// <summary>The compact JSON text of <paramref name="value"/>: no spaces, members in order, strings escaped minimally.</summary>
    public static string CompactJson(JsonElement value)
    {
        var text = new StringBuilder();
        WriteJson(value, text);
        return text.ToString();
    }

    private static void WriteJson(JsonElement value, StringBuilder text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var firstMember = true;
                foreach (var member in value.EnumerateObject())
                {
                    if (!firstMember)
                    {
                        text.Append(',');
                    }

                    firstMember = false;
                    WriteString(member.Name, text);
                    text.Append(':');
                    WriteJson(member.Value, text);
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var firstItem = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        text.Append(',');
                    }

                    firstItem = false;
                    WriteJson(item, text);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(value.GetString()!, text);
                break;
            default:
                // Numbers keep their text; true, false and null are their own.
                text.Append(value.GetRawText());
                break;
        }
    }

    /// <summary>A JSON string, escaped as nlohmann does: quote, backslash and control characters only.</summary>
    public static void WriteString(string s, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }

        text.Append('"');
    }
}
