using System.Text;

namespace Locus.Jinja;

/// <summary>The Python str, dict and list methods templates call, bound to their receiver.</summary>
internal static class Methods
{
    private static readonly HashSet<string> UnsafeDictMethods = ["update", "pop", "popitem", "setdefault", "clear"];
    private static readonly HashSet<string> UnsafeListMethods = ["append", "extend", "insert", "pop", "remove", "reverse", "sort", "clear"];

    public static NativeFunction? TryBind(object? obj, string name, int line) => obj switch
    {
        string s => BindString(s, name),
        Markup m => BindString(m.Text, name),
        PyDict d => BindDict(d, name, line),
        List<object?> l => BindList(l, name, line),
        _ => null,
    };

    private static NativeFunction Fn(string name, Func<CallArgs, object?> body) => new(name, body);

    private static NativeFunction Unsafe(string type, string name) =>
        Fn(name, a => throw new JinjaRenderException($"access to attribute '{name}' of '{type}' object is unsafe.", a.Line));

    private static NativeFunction? BindDict(PyDict d, string name, int line) => name switch
    {
        "items" => Fn(name, _ => d.Select(p => (object?)new PyTuple { p.Key, p.Value }).ToList()),
        "keys" => Fn(name, _ => d.Keys.Cast<object?>().ToList()),
        "values" => Fn(name, _ => d.Values.ToList()),
        "get" => Fn(name, a =>
        {
            var key = a.Get(0, "key");
            return key is not null && key is not Undefined && d.TryGetValue(key, out var v) ? v : a.Get(1, "default");
        }),
        "copy" => Fn(name, _ =>
        {
            var copy = new PyDict();
            foreach (var (k, v) in d)
            {
                copy[k] = v;
            }
            return copy;
        }),
        _ when UnsafeDictMethods.Contains(name) => Unsafe("dict", name),
        _ => null,
    };

    private static NativeFunction? BindList(List<object?> l, string name, int line) => name switch
    {
        "count" => Fn(name, a => (long)l.Count(x => PyOps.Eq(x, a.Get(0, "value")))),
        "index" => Fn(name, a =>
        {
            var i = l.FindIndex(x => PyOps.Eq(x, a.Get(0, "value")));
            return i >= 0 ? (long)i : throw new JinjaRenderException("value is not in list", a.Line);
        }),
        _ when UnsafeListMethods.Contains(name) => Unsafe(l is PyTuple ? "tuple" : "list", name),
        _ => null,
    };

    private static NativeFunction? BindString(string s, string name) => name switch
    {
        "strip" => Fn(name, a => Strip(s, a.Get(0, "chars"), true, true)),
        "lstrip" => Fn(name, a => Strip(s, a.Get(0, "chars"), true, false)),
        "rstrip" => Fn(name, a => Strip(s, a.Get(0, "chars"), false, true)),
        "split" => Fn(name, a => Split(s, a.Get(0, "sep"), a.Get(1, "maxsplit", -1L), a.Line)),
        "rsplit" => Fn(name, a => RSplit(s, a.Get(0, "sep"), a.Get(1, "maxsplit", -1L), a.Line)),
        "splitlines" => Fn(name, a => SplitLines(s, PyOps.Truthy(a.Get(0, "keepends", false)))),
        "startswith" => Fn(name, a => Affix(s, a.Get(0, "prefix"), a.Line, (x, p) => x.StartsWith(p, StringComparison.Ordinal))),
        "endswith" => Fn(name, a => Affix(s, a.Get(0, "suffix"), a.Line, (x, p) => x.EndsWith(p, StringComparison.Ordinal))),
        "replace" => Fn(name, a => Replace(s, Text(a, 0, "old"), Text(a, 1, "new"), a.Get(2, "count", -1L))),
        "upper" => Fn(name, _ => s.ToUpperInvariant()),
        "lower" => Fn(name, _ => s.ToLowerInvariant()),
        "title" => Fn(name, _ => Title(s)),
        "capitalize" => Fn(name, _ => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant()),
        "join" => Fn(name, a => string.Join(s, PyOps.Iterate(a.Get(0, "iterable"), a.Line).Select(x =>
            x as string ?? throw new JinjaRenderException($"sequence item: expected str instance, {PyOps.TypeName(x)} found", a.Line)))),
        "find" => Fn(name, a => (long)s.IndexOf(Text(a, 0, "sub"), StringComparison.Ordinal)),
        "rfind" => Fn(name, a => (long)s.LastIndexOf(Text(a, 0, "sub"), StringComparison.Ordinal)),
        "count" => Fn(name, a => (long)CountOf(s, Text(a, 0, "sub"))),
        "isdigit" => Fn(name, _ => s.Length > 0 && s.All(char.IsDigit)),
        "isalpha" => Fn(name, _ => s.Length > 0 && s.All(char.IsLetter)),
        "isalnum" => Fn(name, _ => s.Length > 0 && s.All(char.IsLetterOrDigit)),
        "isspace" => Fn(name, _ => s.Length > 0 && s.All(PyText.IsPyWhiteSpace)),
        "islower" => Fn(name, _ => s.Any(char.IsLetter) && !s.Any(char.IsUpper)),
        "isupper" => Fn(name, _ => s.Any(char.IsLetter) && !s.Any(char.IsLower)),
        "format" => Fn(name, a => Format(s, a)),
        _ => null,
    };

    private static string Text(CallArgs a, int index, string name) =>
        a.Get(index, name) as string ?? throw new JinjaRenderException($"argument '{name}' must be str", a.Line);

    public static string Strip(string s, object? chars, bool left, bool right)
    {
        Func<char, bool> strip = chars is string set ? set.Contains : PyText.IsPyWhiteSpace;
        var start = 0;
        var end = s.Length;
        while (left && start < end && strip(s[start]))
        {
            start++;
        }
        while (right && end > start && strip(s[end - 1]))
        {
            end--;
        }
        return s[start..end];
    }

    private static object Affix(string s, object? affix, int line, Func<string, string, bool> test) => affix switch
    {
        string p => test(s, p),
        List<object?> options => options.Any(o => o is string p && test(s, p)),
        _ => throw new JinjaRenderException("startswith/endswith first arg must be str or a tuple of str", line),
    };

    public static string Replace(string s, string old, string replacement, object? count)
    {
        var limit = count is long l ? l : -1;
        if (limit < 0)
        {
            return old.Length == 0 ? InsertEverywhere(s, replacement) : s.Replace(old, replacement, StringComparison.Ordinal);
        }
        var sb = new StringBuilder();
        var pos = 0;
        for (var n = 0L; n < limit && old.Length > 0; n++)
        {
            var i = s.IndexOf(old, pos, StringComparison.Ordinal);
            if (i < 0)
            {
                break;
            }
            sb.Append(s, pos, i - pos).Append(replacement);
            pos = i + old.Length;
        }
        return sb.Append(s, pos, s.Length - pos).ToString();
    }

    private static string InsertEverywhere(string s, string insert)
    {
        var sb = new StringBuilder(insert);
        foreach (var c in s)
        {
            sb.Append(c).Append(insert);
        }
        return sb.ToString();
    }

    private static int CountOf(string s, string sub)
    {
        if (sub.Length == 0)
        {
            return s.Length + 1;
        }
        var n = 0;
        for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal))
        {
            n++;
        }
        return n;
    }

    /// <summary>Python str.split: no separator splits on whitespace runs and drops empty ends.</summary>
    public static List<object?> Split(string s, object? sep, object? maxsplit, int line)
    {
        var max = maxsplit is long m ? m : -1;
        var result = new List<object?>();
        if (sep is null or Undefined)
        {
            var i = 0;
            while (true)
            {
                while (i < s.Length && PyText.IsPyWhiteSpace(s[i]))
                {
                    i++;
                }
                if (i >= s.Length)
                {
                    break;
                }
                if (max >= 0 && result.Count == max)
                {
                    result.Add(Strip(s[i..], null, false, true));
                    break;
                }
                var start = i;
                while (i < s.Length && !PyText.IsPyWhiteSpace(s[i]))
                {
                    i++;
                }
                result.Add(s[start..i]);
            }
            return result;
        }
        if (sep is not string separator || separator.Length == 0)
        {
            throw new JinjaRenderException(sep is string ? "empty separator" : "must be str or None", line);
        }
        var pos = 0;
        while (max < 0 || result.Count < max)
        {
            var i = s.IndexOf(separator, pos, StringComparison.Ordinal);
            if (i < 0)
            {
                break;
            }
            result.Add(s[pos..i]);
            pos = i + separator.Length;
        }
        result.Add(s[pos..]);
        return result;
    }

    private static List<object?> RSplit(string s, object? sep, object? maxsplit, int line)
    {
        var max = maxsplit is long m ? m : -1;
        if (max < 0 || sep is not string separator || separator.Length == 0)
        {
            return Split(s, sep, -1L, line);
        }
        var result = new List<object?>();
        var end = s.Length;
        while (result.Count < max)
        {
            var i = end == 0 ? -1 : s.LastIndexOf(separator, end - 1, StringComparison.Ordinal);
            if (i < 0 || i + separator.Length > end)
            {
                break;
            }
            result.Insert(0, s[(i + separator.Length)..end]);
            end = i;
        }
        result.Insert(0, s[..end]);
        return result;
    }

    public static List<object?> SplitLines(string s, bool keepEnds)
    {
        var result = new List<object?>();
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (!PyText.IsLineBreak(s[i]))
            {
                continue;
            }
            var breakLen = s[i] == '\r' && i + 1 < s.Length && s[i + 1] == '\n' ? 2 : 1;
            result.Add(keepEnds ? s[start..(i + breakLen)] : s[start..i]);
            i += breakLen - 1;
            start = i + 1;
        }
        if (start < s.Length)
        {
            result.Add(s[start..]);
        }
        return result;
    }

    /// <summary>Python str.title: a letter after a non-letter is upper-cased, the rest lower-cased.</summary>
    public static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var previousCased = false;
        foreach (var c in s)
        {
            var cased = char.IsUpper(c) || char.IsLower(c);
            sb.Append(cased ? (previousCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)) : c);
            previousCased = cased;
        }
        return sb.ToString();
    }

    /// <summary>str.format with plain "{}", "{0}" and "{name}" fields (no format specs), "{{" and "}}" escapes.</summary>
    private static string Format(string s, CallArgs a)
    {
        var sb = new StringBuilder();
        var auto = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '{' && i + 1 < s.Length && s[i + 1] == '{')
            {
                sb.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < s.Length && s[i + 1] == '}')
            {
                sb.Append('}');
                i++;
            }
            else if (c == '{')
            {
                var close = s.IndexOf('}', i);
                if (close < 0)
                {
                    throw new JinjaRenderException("Single '{' encountered in format string", a.Line);
                }
                var field = s[(i + 1)..close];
                object? value;
                if (field.Length == 0)
                {
                    value = a.Get(auto++, "\0");
                }
                else if (int.TryParse(field, out var index))
                {
                    value = a.Get(index, "\0");
                }
                else
                {
                    value = a.Get(-1, field, new Undefined($"'{field}'"));
                }
                sb.Append(PyOps.Str(value));
                i = close;
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
