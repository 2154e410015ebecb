using System.Text;

namespace Locus.Jinja;

/// <summary>
/// Python's json.dumps as Hugging Face's tojson filter calls it (ensure_ascii=False by default): ", " and ": "
/// separators without indent, "," and ": " with it, floats as repr(), insertion-ordered keys unless sort_keys.
/// </summary>
internal static class PyJson
{
    public static string Dumps(object? value, string? indent, string itemSeparator, string keySeparator, bool sortKeys, bool ensureAscii, int line)
    {
        var sb = new StringBuilder();
        Write(sb, value, indent, itemSeparator, keySeparator, sortKeys, ensureAscii, 0, line);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value, string? indent, string itemSep, string keySep, bool sortKeys, bool ascii, int depth, int line)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case long l:
                sb.Append(l);
                break;
            case double d:
                sb.Append(FloatText(d));
                break;
            case string s:
                WriteString(sb, s, ascii);
                break;
            case Markup m:
                WriteString(sb, m.Text, ascii);
                break;
            case List<object?> list:
                if (list.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(itemSep);
                    }
                    NewLine(sb, indent, depth + 1);
                    Write(sb, list[i], indent, itemSep, keySep, sortKeys, ascii, depth + 1, line);
                }
                NewLine(sb, indent, depth);
                sb.Append(']');
                break;
            case PyDict dict:
                if (dict.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }
                sb.Append('{');
                IEnumerable<KeyValuePair<object, object?>> pairs = dict;
                if (sortKeys)
                {
                    pairs = dict.OrderBy(p => p.Key, Comparer<object>.Create((x, y) => PyOps.Compare(x, y, line)));
                }
                var first = true;
                foreach (var (k, v) in pairs)
                {
                    if (!first)
                    {
                        sb.Append(itemSep);
                    }
                    first = false;
                    NewLine(sb, indent, depth + 1);
                    WriteString(sb, KeyText(k, line), ascii);
                    sb.Append(keySep);
                    Write(sb, v, indent, itemSep, keySep, sortKeys, ascii, depth + 1, line);
                }
                NewLine(sb, indent, depth);
                sb.Append('}');
                break;
            default:
                throw new JinjaRenderException($"Object of type {PyOps.TypeName(value)} is not JSON serializable", line);
        }
    }

    private static string KeyText(object key, int line) => key switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(),
        double d => FloatText(d),
        _ => throw new JinjaRenderException($"keys must be str, int, float, bool or None, not {PyOps.TypeName(key)}", line),
    };

    private static string FloatText(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : PyText.FloatRepr(d);

    private static void NewLine(StringBuilder sb, string? indent, int depth)
    {
        if (indent is null)
        {
            return;
        }
        sb.Append('\n');
        for (var i = 0; i < depth; i++)
        {
            sb.Append(indent);
        }
    }

    private static void WriteString(StringBuilder sb, string s, bool ascii)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || (ascii && c > 0x7e))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4"));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }
}
