using System.Text;

namespace Locus.Jinja;

/// <summary>Jinja2's default Undefined: prints as "", is falsy, iterates as empty; other use raises with <see cref="Hint"/>.</summary>
internal sealed class Undefined(string hint)
{
    public string Hint { get; } = hint;

    public JinjaRenderException Fail(int line) => new(Hint, line);
}

/// <summary>A Python tuple: behaves as a list but prints with parentheses.</summary>
internal sealed class PyTuple : List<object?>
{
    public PyTuple() { }

    public PyTuple(IEnumerable<object?> items) : base(items) { }
}

/// <summary>A Python dict: insertion ordered, keys compared with Python equality (1 == 1.0 == True).</summary>
internal sealed class PyDict() : OrderedDictionary<object, object?>(PyKeyComparer.Instance)
{
    public object? GetValueOrUndefined(object key) =>
        TryGetValue(key, out var v) ? v : new Undefined($"'dict object' has no attribute {PyText.Repr(key)}");
}

internal sealed class PyKeyComparer : IEqualityComparer<object>
{
    public static readonly PyKeyComparer Instance = new();

    public new bool Equals(object? x, object? y) => PyOps.Eq(x, y);

    public int GetHashCode(object obj) => obj switch
    {
        string s => s.GetHashCode(StringComparison.Ordinal),
        bool b => b ? 1 : 0,
        long l => l.GetHashCode(),
        double d when d == Math.Floor(d) && Math.Abs(d) < 9e18 => ((long)d).GetHashCode(),
        double d => d.GetHashCode(),
        _ => obj.GetHashCode(),
    };
}

/// <summary>What namespace(...) returns: the one object whose attributes a template may assign.</summary>
internal sealed class Namespace
{
    public Dictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);
}

/// <summary>Positional and keyword arguments of a call, with Python-style lookups for the callee.</summary>
internal sealed class CallArgs(List<object?> positional, List<KeyValuePair<string, object?>> named, int line)
{
    public static readonly List<KeyValuePair<string, object?>> NoNamed = [];

    public List<object?> Positional { get; } = positional;

    public List<KeyValuePair<string, object?>> Named { get; } = named;

    public int Line { get; } = line;

    public bool Has(int index, string name) => index < Positional.Count || Named.Exists(p => p.Key == name);

    public object? Get(int index, string name, object? fallback = null)
    {
        if (index >= 0 && index < Positional.Count)
        {
            return Positional[index];
        }
        foreach (var pair in Named)
        {
            if (pair.Key == name)
            {
                return pair.Value;
            }
        }
        return fallback;
    }
}

internal abstract class Callable
{
    public abstract object? Call(CallArgs args);
}

internal sealed class NativeFunction(string name, Func<CallArgs, object?> body) : Callable
{
    public string Name { get; } = name;

    public override object? Call(CallArgs args) => body(args);
}

/// <summary>Jinja2's loop variable.</summary>
internal sealed class LoopInfo(IReadOnlyList<object?> items)
{
    public int Index0 { get; set; }

    public object? GetAttribute(string name) => name switch
    {
        "index" => (long)(Index0 + 1),
        "index0" => (long)Index0,
        "revindex" => (long)(items.Count - Index0),
        "revindex0" => (long)(items.Count - Index0 - 1),
        "first" => Index0 == 0,
        "last" => Index0 == items.Count - 1,
        "length" => (long)items.Count,
        "depth" => 1L,
        "depth0" => 0L,
        "previtem" => Index0 > 0 ? items[Index0 - 1] : new Undefined("there is no previous item"),
        "nextitem" => Index0 + 1 < items.Count ? items[Index0 + 1] : new Undefined("there is no next item"),
        "cycle" => new NativeFunction("cycle", a =>
            a.Positional.Count == 0 ? throw new JinjaRenderException("no items for cycling given", a.Line) : a.Positional[Index0 % a.Positional.Count]),
        _ => new Undefined($"'LoopContext object' has no attribute '{name}'"),
    };
}

/// <summary>Small text helpers that reproduce Python's str behaviour.</summary>
internal static class PyText
{
    public static bool IsLineBreak(char c) => c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';

    public static bool IsPyWhiteSpace(char c) => char.IsWhiteSpace(c) || c is '\x1c' or '\x1d' or '\x1e' or '\x1f';

    /// <summary>Python repr() of a value, as str(list) and str(dict) print their items.</summary>
    public static string Repr(object? value)
    {
        var sb = new StringBuilder();
        AppendRepr(sb, value);
        return sb.ToString();
    }

    public static void AppendRepr(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case string s:
                AppendStringRepr(sb, s);
                break;
            case PyTuple t:
                sb.Append('(');
                for (var i = 0; i < t.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }
                    AppendRepr(sb, t[i]);
                }
                sb.Append(t.Count == 1 ? ",)" : ")");
                break;
            case List<object?> list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }
                    AppendRepr(sb, list[i]);
                }
                sb.Append(']');
                break;
            case PyDict dict:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in dict)
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }
                    first = false;
                    AppendRepr(sb, k);
                    sb.Append(": ");
                    AppendRepr(sb, v);
                }
                sb.Append('}');
                break;
            case Undefined:
                sb.Append("Undefined");
                break;
            default:
                sb.Append(PyOps.Str(value));
                break;
        }
    }

    private static void AppendStringRepr(StringBuilder sb, string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        sb.Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote)
                    {
                        sb.Append('\\').Append(c);
                    }
                    else if (c < 0x20 || c == 0x7f)
                    {
                        sb.Append("\\x").Append(((int)c).ToString("x2"));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append(quote);
    }

    /// <summary>Python's repr(float): shortest round-trip digits, exponent form outside 1e-4 &lt;= |x| &lt; 1e16.</summary>
    public static string FloatRepr(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }
        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }
        var shortest = d.ToString("R");
        // Shortest round-trip digits and the decimal exponent, taken from .NET's "R" form (e.g. 1.5E-05, 123.45).
        var negative = shortest[0] == '-';
        var body = negative ? shortest[1..] : shortest;
        var exp = 0;
        var ePos = body.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            exp = int.Parse(body[(ePos + 1)..]);
            body = body[..ePos];
        }
        var dot = body.IndexOf('.');
        var intPart = dot >= 0 ? body[..dot] : body;
        var fracPart = dot >= 0 ? body[(dot + 1)..] : "";
        var digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        var decpt = intPart.Length + exp - leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }
        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }
        if (decpt <= -4 || decpt > 16)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            }
            var e = decpt - 1;
            sb.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString("00"));
        }
        else if (decpt <= 0)
        {
            sb.Append("0.").Append('0', -decpt).Append(digits);
        }
        else if (decpt >= digits.Length)
        {
            sb.Append(digits).Append('0', decpt - digits.Length).Append(".0");
        }
        else
        {
            sb.Append(digits, 0, decpt).Append('.').Append(digits, decpt, digits.Length - decpt);
        }
        return sb.ToString();
    }

    public static bool HasSurrogates(string s)
    {
        foreach (var c in s)
        {
            if (char.IsSurrogate(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Python indexes strings by code point; split into code points only when a surrogate pair makes it matter.</summary>
    public static List<string> CodePoints(string s)
    {
        var list = new List<string>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                list.Add(s.Substring(i, 2));
                i++;
            }
            else
            {
                list.Add(s[i].ToString());
            }
        }
        return list;
    }

    public static int Length(string s) => HasSurrogates(s) ? CodePoints(s).Count : s.Length;
}

/// <summary>
/// markupsafe.Markup, which the safe and escape filters return: HF templates never autoescape, but "+" between
/// Markup and a plain str still HTML-escapes the plain side, and templates (functionary) print such sums.
/// </summary>
internal sealed class Markup(string text)
{
    public string Text { get; } = text;

    public static Markup Escape(object? value) => value switch
    {
        Markup m => m,
        _ => new Markup(PyOps.Str(value)
            .Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal)
            .Replace("\"", "&#34;", StringComparison.Ordinal)),
    };

    public override string ToString() => Text;
}
