using System.Text;

namespace Locus.Jinja;

/// <summary>Python value semantics for the interpreter's value model (string, bool, long, double, null, lists, dicts...).</summary>
internal static class PyOps
{
    public static string Str(object? value) => value switch
    {
        null => "None",
        string s => s,
        Markup m => m.Text,
        bool b => b ? "True" : "False",
        long l => l.ToString(),
        double d => PyText.FloatRepr(d),
        Undefined => "",
        List<object?> or PyDict => PyText.Repr(value),
        Namespace => "<Namespace>",
        Callable => "<function>",
        _ => value.ToString() ?? "",
    };

    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        string or Markup => "str",
        bool => "bool",
        long => "int",
        double => "float",
        PyTuple => "tuple",
        List<object?> => "list",
        PyDict => "dict",
        Undefined => "Undefined",
        Namespace => "Namespace",
        LoopInfo => "LoopContext",
        _ => "function",
    };

    public static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        Markup m => m.Text.Length > 0,
        long l => l != 0,
        double d => d != 0,
        Undefined => false,
        List<object?> list => list.Count > 0,
        PyDict dict => dict.Count > 0,
        _ => true,
    };

    public static bool IsNumber(object? v) => v is long or double or bool;

    public static double ToDouble(object? v) => v switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new InvalidOperationException("not a number"),
    };

    public static long ToLong(object? v) => v switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        _ => throw new InvalidOperationException("not an integer"),
    };

    /// <summary>Markup is a str subclass in Python: everywhere but "+" it behaves as its text.</summary>
    public static object? Plain(object? v) => v is Markup m ? m.Text : v;

    public static bool Eq(object? a, object? b)
    {
        a = Plain(a);
        b = Plain(b);
        if (a is null || b is null)
        {
            return a is null && b is null;
        }
        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? ToDouble(a) == ToDouble(b) : ToLong(a) == ToLong(b);
        }
        switch (a)
        {
            case string sa:
                return b is string sb && sa == sb;
            case Undefined:
                return b is Undefined;
            case List<object?> la:
                if (b is not List<object?> lb || la.Count != lb.Count || (a is PyTuple) != (b is PyTuple))
                {
                    return false;
                }
                for (var i = 0; i < la.Count; i++)
                {
                    if (!Eq(la[i], lb[i]))
                    {
                        return false;
                    }
                }
                return true;
            case PyDict da:
                if (b is not PyDict db || da.Count != db.Count)
                {
                    return false;
                }
                foreach (var (k, v) in da)
                {
                    if (!db.TryGetValue(k, out var other) || !Eq(v, other))
                    {
                        return false;
                    }
                }
                return true;
            default:
                return ReferenceEquals(a, b);
        }
    }

    /// <summary>Python ordering (&lt;, &gt;...): numbers, strings by code point, sequences element-wise.</summary>
    public static int Compare(object? a, object? b, int line)
    {
        a = Plain(a);
        b = Plain(b);
        if (IsNumber(a) && IsNumber(b))
        {
            return a is double || b is double ? ToDouble(a).CompareTo(ToDouble(b)) : ToLong(a).CompareTo(ToLong(b));
        }
        if (a is string sa && b is string sb)
        {
            return string.CompareOrdinal(sa, sb);
        }
        if (a is List<object?> la && b is List<object?> lb)
        {
            for (var i = 0; i < Math.Min(la.Count, lb.Count); i++)
            {
                if (!Eq(la[i], lb[i]))
                {
                    return Compare(la[i], lb[i], line);
                }
            }
            return la.Count.CompareTo(lb.Count);
        }
        FailIfUndefined(a, line);
        FailIfUndefined(b, line);
        throw new JinjaRenderException($"'<' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'", line);
    }

    public static void FailIfUndefined(object? v, int line)
    {
        if (v is Undefined u)
        {
            throw u.Fail(line);
        }
    }

    public static object? Add(object? a, object? b, int line)
    {
        FailIfUndefined(a, line);
        FailIfUndefined(b, line);
        if (a is Markup || b is Markup)
        {
            // markupsafe: the plain-string side is HTML-escaped before joining.
            if ((a is string or Markup) && (b is string or Markup))
            {
                return new Markup(Markup.Escape(a).Text + Markup.Escape(b).Text);
            }
            a = Plain(a);
            b = Plain(b);
        }
        if (a is string sa && b is string sb)
        {
            return string.Concat(sa, sb);
        }
        if (IsNumber(a) && IsNumber(b))
        {
            return Arith(a, b, line, (x, y) => checked(x + y), (x, y) => x + y);
        }
        if (a is List<object?> la && b is List<object?> lb && (a is PyTuple) == (b is PyTuple))
        {
            var result = a is PyTuple ? new PyTuple(la) : new List<object?>(la);
            result.AddRange(lb);
            return result;
        }
        if (a is string)
        {
            throw new JinjaRenderException($"can only concatenate str (not \"{TypeName(b)}\") to str", line);
        }
        if (a is List<object?>)
        {
            throw new JinjaRenderException($"can only concatenate list (not \"{TypeName(b)}\") to list", line);
        }
        throw new JinjaRenderException($"unsupported operand type(s) for +: '{TypeName(a)}' and '{TypeName(b)}'", line);
    }

    public static object? Binary(string op, object? a, object? b, int line)
    {
        if (op == "+")
        {
            return Add(a, b, line);
        }
        FailIfUndefined(a, line);
        FailIfUndefined(b, line);
        a = Plain(a);
        b = Plain(b);
        if (op == "*")
        {
            if (a is string s && b is long or bool)
            {
                return Repeat(s, ToLong(b));
            }
            if (b is string s2 && a is long or bool)
            {
                return Repeat(s2, ToLong(a));
            }
            if (a is List<object?> list && b is long or bool)
            {
                var result = new List<object?>();
                for (var i = 0L; i < ToLong(b); i++)
                {
                    result.AddRange(list);
                }
                return result;
            }
        }
        if (!IsNumber(a) || !IsNumber(b))
        {
            throw new JinjaRenderException($"unsupported operand type(s) for {op}: '{TypeName(a)}' and '{TypeName(b)}'", line);
        }
        switch (op)
        {
            case "-":
                return Arith(a, b, line, (x, y) => checked(x - y), (x, y) => x - y);
            case "*":
                return Arith(a, b, line, (x, y) => checked(x * y), (x, y) => x * y);
            case "/":
                var divisor = ToDouble(b);
                return divisor == 0 ? throw new JinjaRenderException("division by zero", line) : ToDouble(a) / divisor;
            case "//":
                if (ToDouble(b) == 0)
                {
                    throw new JinjaRenderException("integer division or modulo by zero", line);
                }
                return a is double || b is double
                    ? (object)Math.Floor(ToDouble(a) / ToDouble(b))
                    : FloorDiv(ToLong(a), ToLong(b));
            case "%":
                if (ToDouble(b) == 0)
                {
                    throw new JinjaRenderException("integer division or modulo by zero", line);
                }
                if (a is double || b is double)
                {
                    var x = ToDouble(a);
                    var y = ToDouble(b);
                    var m = x % y;
                    return m != 0 && (m < 0) != (y < 0) ? m + y : m;
                }
                var r = ToLong(a) % ToLong(b);
                return r != 0 && (r < 0) != (ToLong(b) < 0) ? r + ToLong(b) : r;
            case "**":
                if (a is double || b is double || ToLong(b) < 0)
                {
                    return Math.Pow(ToDouble(a), ToDouble(b));
                }
                var acc = 1L;
                for (var i = 0L; i < ToLong(b); i++)
                {
                    acc = checked(acc * ToLong(a));
                }
                return acc;
            default:
                throw new JinjaRenderException($"unknown operator {op}", line);
        }
    }

    private static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q;
    }

    private static string Repeat(string s, long n)
    {
        var sb = new StringBuilder();
        for (var i = 0L; i < n; i++)
        {
            sb.Append(s);
        }
        return sb.ToString();
    }

    private static object Arith(object? a, object? b, int line, Func<long, long, long> ints, Func<double, double, double> floats)
    {
        if (a is double || b is double)
        {
            return floats(ToDouble(a), ToDouble(b));
        }
        try
        {
            return ints(ToLong(a), ToLong(b));
        }
        catch (OverflowException)
        {
            throw new JinjaRenderException("integer overflow (values beyond 64 bits are not supported)", line);
        }
    }

    public static object? Negate(object? v, int line) => v switch
    {
        long l => (object)(-l),
        double d => -d,
        bool b => b ? -1L : 0L,
        Undefined u => throw u.Fail(line),
        _ => throw new JinjaRenderException($"bad operand type for unary -: '{TypeName(v)}'", line),
    };

    /// <summary>Python's "in": substring, list membership, dict key.</summary>
    public static bool Contains(object? container, object? item, int line)
    {
        container = Plain(container);
        item = Plain(item);
        switch (container)
        {
            case string s:
                return item is string sub ? s.Contains(sub, StringComparison.Ordinal)
                    : throw new JinjaRenderException($"'in <string>' requires string as left operand, not {TypeName(item)}", line);
            case List<object?> list:
                foreach (var x in list)
                {
                    if (Eq(x, item))
                    {
                        return true;
                    }
                }
                return false;
            case PyDict dict:
                return item is not null && item is not List<object?> && item is not PyDict && dict.ContainsKey(item);
            case Undefined:
                return false;
            default:
                throw new JinjaRenderException($"argument of type '{TypeName(container)}' is not iterable", line);
        }
    }

    /// <summary>Python iteration: lists, dict keys, string characters; Undefined is empty.</summary>
    public static IReadOnlyList<object?> Iterate(object? value, int line)
    {
        switch (Plain(value))
        {
            case List<object?> list:
                return list;
            case PyDict dict:
                return [.. dict.Keys];
            case string s:
                return PyText.HasSurrogates(s) ? [.. PyText.CodePoints(s)] : s.Select(c => (object?)c.ToString()).ToList();
            case Undefined:
                return [];
            default:
                throw new JinjaRenderException($"'{TypeName(value)}' object is not iterable", line);
        }
    }

    public static long Length(object? value, int line) => Plain(value) switch
    {
        string s => PyText.Length(s),
        List<object?> list => list.Count,
        PyDict dict => dict.Count,
        Undefined => 0,
        _ => throw new JinjaRenderException($"object of type '{TypeName(value)}' has no len()", line),
    };

    /// <summary>Jinja2's environment.getattr: attribute first (methods), then item; a miss is Undefined.</summary>
    public static object? GetAttr(object? obj, string name, int line)
    {
        switch (obj)
        {
            case Undefined u:
                throw u.Fail(line);
            case PyDict dict:
                return (object?)Methods.TryBind(dict, name, line) ?? dict.GetValueOrUndefined(name);
            case Namespace ns:
                return ns.Attributes.TryGetValue(name, out var v) ? v : new Undefined($"'Namespace object' has no attribute '{name}'");
            case LoopInfo loop:
                return loop.GetAttribute(name);
            default:
                return (object?)Methods.TryBind(obj, name, line) ?? new Undefined($"'{TypeName(obj)} object' has no attribute '{name}'");
        }
    }

    /// <summary>Jinja2's environment.getitem: item first, then (for string keys) attribute; a miss is Undefined.</summary>
    public static object? GetItem(object? obj, object? key, int line)
    {
        obj = Plain(obj);
        key = Plain(key);
        switch (obj)
        {
            case Undefined u:
                throw u.Fail(line);
            case PyDict dict when key is not null && key is not List<object?> && key is not PyDict:
                if (dict.TryGetValue(key, out var v))
                {
                    return v;
                }
                break;
            case List<object?> list when key is long or bool:
                var i = ToLong(key);
                if (i < 0)
                {
                    i += list.Count;
                }
                if (i >= 0 && i < list.Count)
                {
                    return list[(int)i];
                }
                break;
            case string s when key is long or bool:
                var points = PyText.HasSurrogates(s) ? PyText.CodePoints(s) : null;
                var count = points?.Count ?? s.Length;
                var j = ToLong(key);
                if (j < 0)
                {
                    j += count;
                }
                if (j >= 0 && j < count)
                {
                    return points is null ? s[(int)j].ToString() : points[(int)j];
                }
                break;
        }
        if (key is string name)
        {
            return GetAttr(obj, name, line);
        }
        return new Undefined($"'{TypeName(obj)} object' has no attribute {PyText.Repr(key)}");
    }

    public static object? Slice(object? obj, object? start, object? stop, object? step, int line)
    {
        FailIfUndefined(obj, line);
        obj = Plain(obj);
        long? Opt(object? v) => v is null or Undefined ? null : v is long or bool ? ToLong(v)
            : throw new JinjaRenderException("slice indices must be integers or None", line);
        var st = Opt(step) ?? 1;
        if (st == 0)
        {
            throw new JinjaRenderException("slice step cannot be zero", line);
        }
        IReadOnlyList<object?> items = obj switch
        {
            string s => Iterate(s, line),
            List<object?> list => list,
            _ => throw new JinjaRenderException($"'{TypeName(obj)}' object is not subscriptable", line),
        };
        var n = items.Count;
        long Clamp(long? v, long dflt, bool forStop)
        {
            if (v is null)
            {
                return dflt;
            }
            var x = v.Value < 0 ? v.Value + n : v.Value;
            return st > 0 ? Math.Clamp(x, 0, n) : Math.Clamp(x, -1, n - 1);
        }
        var from = Clamp(Opt(start), st > 0 ? 0 : n - 1, false);
        var to = Clamp(Opt(stop), st > 0 ? n : -1, true);
        var picked = new List<object?>();
        for (var i = from; st > 0 ? i < to : i > to; i += st)
        {
            picked.Add(items[(int)i]);
        }
        return obj switch
        {
            string => string.Concat(picked.Cast<string>()),
            PyTuple => new PyTuple(picked),
            _ => picked,
        };
    }
}
