using System.Globalization;
using System.Text;

namespace Locus.Jinja;

/// <summary>The Jinja2 filters chat templates use; tojson is Hugging Face's override (json.dumps, no HTML escaping).</summary>
internal static class Filters
{
    public delegate object? Filter(CallArgs args);

    private static readonly Dictionary<string, Filter> All = new(StringComparer.Ordinal)
    {
        ["tojson"] = ToJson,
        ["length"] = a => PyOps.Length(a.Positional[0], a.Line),
        ["count"] = a => PyOps.Length(a.Positional[0], a.Line),
        ["string"] = a => PyOps.Str(a.Positional[0]),
        ["safe"] = a => a.Positional[0] is Markup m ? m : new Markup(PyOps.Str(a.Positional[0])),
        ["e"] = a => Markup.Escape(a.Positional[0]),
        ["escape"] = a => Markup.Escape(a.Positional[0]),
        ["trim"] = a => Methods.Strip(PyOps.Str(a.Positional[0]), a.Get(1, "chars"), true, true),
        ["lower"] = a => PyOps.Str(a.Positional[0]).ToLowerInvariant(),
        ["upper"] = a => PyOps.Str(a.Positional[0]).ToUpperInvariant(),
        ["capitalize"] = a => PyOps.Str(a.Positional[0]) is { Length: > 0 } s ? char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant() : "",
        ["title"] = a => JinjaTitle(PyOps.Str(a.Positional[0])),
        ["replace"] = a => Methods.Replace(PyOps.Str(a.Positional[0]), PyOps.Str(a.Get(1, "old")), PyOps.Str(a.Get(2, "new")), a.Get(3, "count")),
        ["items"] = a => a.Positional[0] switch
        {
            Undefined => new List<object?>(),
            PyDict d => d.Select(p => (object?)new PyTuple { p.Key, p.Value }).ToList(),
            _ => throw new JinjaRenderException("Can only get item pairs from a mapping.", a.Line),
        },
        ["list"] = a => PyOps.Iterate(a.Positional[0], a.Line).ToList(),
        ["first"] = a => PyOps.Iterate(a.Positional[0], a.Line) is { Count: > 0 } l ? l[0] : new Undefined("No first item, sequence was empty."),
        ["last"] = a => PyOps.Iterate(a.Positional[0], a.Line) is { Count: > 0 } l ? l[^1] : new Undefined("No last item, sequence was empty."),
        ["reverse"] = a => a.Positional[0] is string s ? string.Concat(PyText.CodePoints(s).AsEnumerable().Reverse())
            : PyOps.Iterate(a.Positional[0], a.Line).Reverse().ToList(),
        ["join"] = Join,
        ["default"] = Default,
        ["d"] = Default,
        ["int"] = ToInt,
        ["float"] = ToFloat,
        ["abs"] = a => a.Positional[0] switch
        {
            long l => (object)Math.Abs(l),
            double d => Math.Abs(d),
            bool b => b ? 1L : 0L,
            _ => throw new JinjaRenderException($"bad operand type for abs(): '{PyOps.TypeName(a.Positional[0])}'", a.Line),
        },
        ["round"] = Round,
        ["unique"] = Unique,
        ["sort"] = Sort,
        ["dictsort"] = DictSort,
        ["map"] = Map,
        ["select"] = a => SelectOrReject(a, select: true, byAttribute: false),
        ["reject"] = a => SelectOrReject(a, select: false, byAttribute: false),
        ["selectattr"] = a => SelectOrReject(a, select: true, byAttribute: true),
        ["rejectattr"] = a => SelectOrReject(a, select: false, byAttribute: true),
        ["attr"] = a => PyOps.GetAttr(a.Positional[0], PyOps.Str(a.Get(1, "name")), a.Line),
        ["indent"] = Indent,
        ["center"] = a => Center(PyOps.Str(a.Positional[0]), (int)PyOps.ToLong(a.Get(1, "width", 80L))),
        ["wordcount"] = a => (long)Methods.Split(PyOps.Str(a.Positional[0]), null, -1L, a.Line).Count,
        ["batch"] = Batch,
        ["min"] = a => MinMax(a, -1),
        ["max"] = a => MinMax(a, 1),
        ["sum"] = Sum,
        ["format"] = a => PercentFormat(PyOps.Str(a.Positional[0]), a.Positional.Skip(1).ToList(), a.Line),
    };

    public static Filter? Find(string name) => All.GetValueOrDefault(name);

    private static object? ToJson(CallArgs a)
    {
        var indentArg = a.Get(1, "indent");
        string? indent = indentArg switch
        {
            null or Undefined => null,
            string s => s,
            long n => new string(' ', (int)Math.Max(0, n)),
            _ => throw new JinjaRenderException("tojson indent must be an integer or a string", a.Line),
        };
        var (itemSep, keySep) = indent is null ? (", ", ": ") : (",", ": ");
        if (a.Get(-1, "separators") is List<object?> { Count: 2 } seps)
        {
            (itemSep, keySep) = (PyOps.Str(seps[0]), PyOps.Str(seps[1]));
        }
        return PyJson.Dumps(a.Positional[0], indent, itemSep, keySep, PyOps.Truthy(a.Get(-1, "sort_keys", false)),
            PyOps.Truthy(a.Get(-1, "ensure_ascii", false)), a.Line);
    }

    /// <summary>Jinja2's title filter: words start after "-", whitespace or an opening bracket.</summary>
    private static string JinjaTitle(string s)
    {
        var sb = new StringBuilder(s.Length);
        var atStart = true;
        foreach (var c in s)
        {
            var boundary = c is '-' or '(' or '{' or '[' or '<' || char.IsWhiteSpace(c);
            sb.Append(boundary ? c : atStart ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            atStart = boundary;
        }
        return sb.ToString();
    }

    private static object? Join(CallArgs a)
    {
        var separator = PyOps.Str(a.Get(1, "d", ""));
        var attribute = a.Get(2, "attribute");
        var items = PyOps.Iterate(a.Positional[0], a.Line);
        return string.Join(separator, items.Select(x => PyOps.Str(attribute is null ? x : AttributePath(x, attribute, a.Line))));
    }

    private static object? Default(CallArgs a)
    {
        var value = a.Positional[0];
        var useDefault = value is Undefined || (PyOps.Truthy(a.Get(2, "boolean", false)) && !PyOps.Truthy(value));
        return useDefault ? a.Get(1, "default_value", "") : value;
    }

    private static object? ToInt(CallArgs a)
    {
        var fallback = a.Get(1, "default", 0L);
        switch (a.Positional[0])
        {
            case long l:
                return l;
            case bool b:
                return b ? 1L : 0L;
            case double d:
                return double.IsFinite(d) ? (long)Math.Truncate(d) : fallback;
            case string s:
                var text = s.Trim().Replace("_", "", StringComparison.Ordinal);
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && double.IsFinite(f) ? (long)Math.Truncate(f) : fallback;
            default:
                return fallback;
        }
    }

    private static object? ToFloat(CallArgs a)
    {
        var fallback = a.Get(1, "default", 0.0);
        return a.Positional[0] switch
        {
            long l => (double)l,
            bool b => b ? 1.0 : 0.0,
            double d => d,
            string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) => f,
            _ => fallback,
        };
    }

    private static object? Round(CallArgs a)
    {
        var value = a.Positional[0];
        if (!PyOps.IsNumber(value))
        {
            throw new JinjaRenderException($"round needs a number, got '{PyOps.TypeName(value)}'", a.Line);
        }
        var precision = (int)PyOps.ToLong(a.Get(1, "precision", 0L));
        var method = PyOps.Str(a.Get(2, "method", "common"));
        var x = PyOps.ToDouble(value);
        var scale = Math.Pow(10, precision);
        return method switch
        {
            "common" => value is long or bool ? (object)PyOps.ToLong(value) : Math.Round(x, Math.Clamp(precision, 0, 15), MidpointRounding.ToEven),
            "floor" => Math.Floor(x * scale) / scale,
            "ceil" => Math.Ceiling(x * scale) / scale,
            _ => throw new JinjaRenderException("method must be common, ceil or floor", a.Line),
        };
    }

    private static object? SortKey(object? item, object? attribute, bool caseSensitive, int line)
    {
        var key = attribute is null ? item : AttributePath(item, attribute, line);
        return !caseSensitive && key is string s ? s.ToLowerInvariant() : key;
    }

    private static object? Unique(CallArgs a)
    {
        var caseSensitive = PyOps.Truthy(a.Get(1, "case_sensitive", false));
        var attribute = a.Get(2, "attribute");
        var seen = new List<object?>();
        var result = new List<object?>();
        foreach (var item in PyOps.Iterate(a.Positional[0], a.Line))
        {
            var key = SortKey(item, attribute, caseSensitive, a.Line);
            if (!seen.Exists(k => PyOps.Eq(k, key)))
            {
                seen.Add(key);
                result.Add(item);
            }
        }
        return result;
    }

    private static object? Sort(CallArgs a)
    {
        var reverse = PyOps.Truthy(a.Get(1, "reverse", false));
        var caseSensitive = PyOps.Truthy(a.Get(2, "case_sensitive", false));
        var attribute = a.Get(3, "attribute");
        var items = PyOps.Iterate(a.Positional[0], a.Line).ToList();
        var keyed = items.Select(x => (Key: SortKey(x, attribute, caseSensitive, a.Line), Item: x)).ToList();
        var comparer = Comparer<object?>.Create((x, y) => PyOps.Compare(x, y, a.Line));
        var sorted = reverse ? keyed.OrderByDescending(p => p.Key, comparer) : keyed.OrderBy(p => p.Key, comparer);
        return sorted.Select(p => p.Item).ToList();
    }

    private static object? DictSort(CallArgs a)
    {
        if (a.Positional[0] is not PyDict dict)
        {
            throw new JinjaRenderException("dictsort needs a mapping", a.Line);
        }
        var caseSensitive = PyOps.Truthy(a.Get(1, "case_sensitive", false));
        var byValue = PyOps.Str(a.Get(2, "by", "key")) == "value";
        var reverse = PyOps.Truthy(a.Get(3, "reverse", false));
        var comparer = Comparer<object?>.Create((x, y) => PyOps.Compare(x, y, a.Line));
        var pairs = dict.Select(p => (object?)new PyTuple { p.Key, p.Value }).Cast<PyTuple>();
        Func<PyTuple, object?> key = p => SortKey(byValue ? p[1] : p[0], null, caseSensitive, a.Line);
        var sorted = reverse ? pairs.OrderByDescending(key, comparer) : pairs.OrderBy(key, comparer);
        return sorted.Cast<object?>().ToList();
    }

    /// <summary>Jinja2's make_attrgetter: "a.b.0" walks items, an integer part indexes.</summary>
    private static object? AttributePath(object? item, object? attribute, int line)
    {
        if (attribute is long index)
        {
            return PyOps.GetItem(item, index, line);
        }
        foreach (var part in PyOps.Str(attribute).Split('.'))
        {
            item = long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? PyOps.GetItem(item, i, line) : PyOps.GetItem(item, part, line);
        }
        return item;
    }

    /// <summary>map, select and friends start with "if value:" in Jinja2, so None and other falsy inputs give nothing.</summary>
    private static IReadOnlyList<object?> IterateIfTruthy(object? value, int line) => PyOps.Truthy(value) ? PyOps.Iterate(value, line) : [];

    private static object? Map(CallArgs a)
    {
        var items = IterateIfTruthy(a.Positional[0], a.Line);
        if (a.Get(-1, "attribute") is { } attribute)
        {
            var fallback = a.Get(-1, "default");
            var hasDefault = a.Named.Exists(p => p.Key == "default");
            return items.Select(x => AttributePath(x, attribute, a.Line) is var v && v is Undefined && hasDefault ? fallback : v).ToList();
        }
        var name = a.Get(1, "\0") as string ?? throw new JinjaRenderException("map needs a filter name or attribute=", a.Line);
        var filter = Find(name) ?? throw new JinjaRenderException($"no filter named '{name}'", a.Line);
        var rest = a.Positional.Skip(2).ToList();
        return items.Select(x => filter(new CallArgs([x, .. rest], a.Named, a.Line))).ToList();
    }

    private static object? SelectOrReject(CallArgs a, bool select, bool byAttribute)
    {
        var items = IterateIfTruthy(a.Positional[0], a.Line);
        var offset = byAttribute ? 2 : 1;
        var attribute = byAttribute ? a.Get(1, "\0") : null;
        var testName = a.Get(offset, "\0") as string;
        TestFunctions.Test? test = null;
        if (testName is not null)
        {
            test = TestFunctions.Find(testName) ?? throw new JinjaRenderException($"no test named '{testName}'", a.Line);
        }
        var testArgs = a.Positional.Skip(offset + 1).ToList();
        var result = new List<object?>();
        foreach (var item in items)
        {
            var value = byAttribute ? AttributePath(item, attribute, a.Line) : item;
            var passed = test is null ? PyOps.Truthy(value) : test(new CallArgs([value, .. testArgs], CallArgs.NoNamed, a.Line));
            if (passed == select)
            {
                result.Add(item);
            }
        }
        return result;
    }

    private static object? Indent(CallArgs a)
    {
        var s = PyOps.Str(a.Positional[0]);
        var width = a.Get(1, "width", 4L);
        var prefix = width is string w ? w : new string(' ', (int)PyOps.ToLong(width));
        var first = PyOps.Truthy(a.Get(2, "first", false));
        var blank = PyOps.Truthy(a.Get(3, "blank", false));
        var lines = Methods.SplitLines(s + "\n", false).Cast<string>().ToList();
        string result;
        if (blank)
        {
            result = string.Join("\n" + prefix, lines);
        }
        else
        {
            result = lines[0];
            if (lines.Count > 1)
            {
                result += "\n" + string.Join("\n", lines.Skip(1).Select(l => l.Length > 0 ? prefix + l : l));
            }
        }
        return first ? prefix + result : result;
    }

    private static string Center(string s, int width)
    {
        if (width <= s.Length)
        {
            return s;
        }
        var total = width - s.Length;
        // CPython puts the extra space on the left when both the padding and the width are odd.
        var left = (total / 2) + (total & width & 1);
        return new string(' ', left) + s + new string(' ', total - left);
    }

    private static object? Batch(CallArgs a)
    {
        var size = (int)PyOps.ToLong(a.Get(1, "linecount"));
        var fill = a.Has(2, "fill_with") ? a.Get(2, "fill_with") : null;
        var hasFill = a.Has(2, "fill_with");
        var result = new List<object?>();
        List<object?>? current = null;
        foreach (var item in PyOps.Iterate(a.Positional[0], a.Line))
        {
            current ??= [];
            current.Add(item);
            if (current.Count == size)
            {
                result.Add(current);
                current = null;
            }
        }
        if (current is not null)
        {
            while (hasFill && current.Count < size)
            {
                current.Add(fill);
            }
            result.Add(current);
        }
        return result;
    }

    private static object? MinMax(CallArgs a, int sign)
    {
        var caseSensitive = PyOps.Truthy(a.Get(1, "case_sensitive", false));
        var attribute = a.Get(2, "attribute");
        var items = PyOps.Iterate(a.Positional[0], a.Line);
        if (items.Count == 0)
        {
            return new Undefined("No aggregated item, sequence was empty.");
        }
        var best = items[0];
        foreach (var item in items.Skip(1))
        {
            var c = PyOps.Compare(SortKey(item, attribute, caseSensitive, a.Line), SortKey(best, attribute, caseSensitive, a.Line), a.Line);
            if (c * sign > 0)
            {
                best = item;
            }
        }
        return best;
    }

    private static object? Sum(CallArgs a)
    {
        var attribute = a.Get(1, "attribute");
        object? total = a.Get(2, "start", 0L);
        foreach (var item in PyOps.Iterate(a.Positional[0], a.Line))
        {
            total = PyOps.Add(total, attribute is null ? item : AttributePath(item, attribute, a.Line), a.Line);
        }
        return total;
    }

    /// <summary>The format filter: printf-style %s, %d, %r and %% only.</summary>
    private static string PercentFormat(string format, List<object?> values, int line)
    {
        var sb = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                sb.Append(format[i]);
                continue;
            }
            var spec = format[++i];
            if (spec == '%')
            {
                sb.Append('%');
                continue;
            }
            if (next >= values.Count)
            {
                throw new JinjaRenderException("not enough arguments for format string", line);
            }
            var v = values[next++];
            sb.Append(spec switch
            {
                's' => PyOps.Str(v),
                'r' => PyText.Repr(v),
                'd' or 'i' => PyOps.ToLong(v is double d ? (long)Math.Truncate(d) : v).ToString(),
                _ => throw new JinjaRenderException($"unsupported format character '{spec}'", line),
            });
        }
        return sb.ToString();
    }
}
