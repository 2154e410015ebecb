using System.Globalization;
using System.Text;

namespace Locus.Jinja;

/// <summary>The globals a Hugging Face chat template sees: Jinja2's (range, dict, namespace...) plus HF's two.</summary>
internal static class Builtins
{
    public static void AddGlobals(Dictionary<string, object?> globals, TimeProvider time)
    {
        globals["range"] = new NativeFunction("range", Range);
        globals["dict"] = new NativeFunction("dict", a =>
        {
            var d = new PyDict();
            if (a.Positional.Count > 0 && a.Positional[0] is PyDict source)
            {
                foreach (var (k, v) in source)
                {
                    d[k] = v;
                }
            }
            foreach (var (k, v) in a.Named)
            {
                d[k] = v;
            }
            return d;
        });
        globals["namespace"] = new NativeFunction("namespace", a =>
        {
            var ns = new Namespace();
            if (a.Positional.Count > 0 && a.Positional[0] is PyDict source)
            {
                foreach (var (k, v) in source)
                {
                    ns.Attributes[PyOps.Str(k)] = v;
                }
            }
            foreach (var (k, v) in a.Named)
            {
                ns.Attributes[k] = v;
            }
            return ns;
        });
        globals["raise_exception"] = new NativeFunction("raise_exception", a => throw new JinjaRaisedException(PyOps.Str(a.Get(0, "message", ""))));
        globals["strftime_now"] = new NativeFunction("strftime_now", a =>
            Strftime(PyOps.Str(a.Get(0, "format", "")), time.GetLocalNow(), a.Line));
        globals["joiner"] = new NativeFunction("joiner", a =>
        {
            var separator = PyOps.Str(a.Get(0, "sep", ", "));
            var used = false;
            return new NativeFunction("joiner", _ =>
            {
                var result = used ? separator : "";
                used = true;
                return result;
            });
        });
    }

    private static object? Range(CallArgs a)
    {
        long Arg(int i) => a.Positional[i] is long or bool ? PyOps.ToLong(a.Positional[i])
            : throw new JinjaRenderException($"range() arguments must be integers, not '{PyOps.TypeName(a.Positional[i])}'", a.Line);
        var (start, stop, step) = a.Positional.Count switch
        {
            1 => (0L, Arg(0), 1L),
            2 => (Arg(0), Arg(1), 1L),
            3 => (Arg(0), Arg(1), Arg(2)),
            _ => throw new JinjaRenderException($"range expected 1 to 3 arguments, got {a.Positional.Count}", a.Line),
        };
        if (step == 0)
        {
            throw new JinjaRenderException("range() arg 3 must not be zero", a.Line);
        }
        var result = new List<object?>();
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            if (result.Count >= 100_000)
            {
                throw new JinjaRenderException("Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).", a.Line);
            }
            result.Add(i);
        }
        return result;
    }

    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>Python's strftime (C locale) for the directives templates use, including glibc's "%-d" no-padding form.</summary>
    public static string Strftime(string format, DateTimeOffset now, int line)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                sb.Append(format[i]);
                continue;
            }
            var c = format[++i];
            var pad = true;
            if (c == '-' && i + 1 < format.Length)
            {
                pad = false;
                c = format[++i];
            }
            string Num(int v, int width) => pad ? v.ToString(new string('0', width), CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);
            var hour12 = now.Hour % 12 == 0 ? 12 : now.Hour % 12;
            sb.Append(c switch
            {
                'Y' => now.Year.ToString(CultureInfo.InvariantCulture),
                'y' => Num(now.Year % 100, 2),
                'm' => Num(now.Month, 2),
                'd' => Num(now.Day, 2),
                'e' => pad ? now.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2) : now.Day.ToString(CultureInfo.InvariantCulture),
                'H' => Num(now.Hour, 2),
                'I' => Num(hour12, 2),
                'M' => Num(now.Minute, 2),
                'S' => Num(now.Second, 2),
                'f' => (now.Ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", CultureInfo.InvariantCulture),
                'p' => now.Hour < 12 ? "AM" : "PM",
                'j' => Num(now.DayOfYear, 3),
                'a' => Days[(int)now.DayOfWeek][..3],
                'A' => Days[(int)now.DayOfWeek],
                'b' or 'h' => Months[now.Month - 1][..3],
                'B' => Months[now.Month - 1],
                'w' => ((int)now.DayOfWeek).ToString(CultureInfo.InvariantCulture),
                'u' => (now.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)now.DayOfWeek).ToString(CultureInfo.InvariantCulture),
                'z' => (now.Offset < TimeSpan.Zero ? "-" : "+") + now.Offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture),
                'Z' => now.Offset == TimeSpan.Zero ? "UTC" : "",
                'D' => $"{now.Month:00}/{now.Day:00}/{now.Year % 100:00}",
                'F' => $"{now.Year:0000}-{now.Month:00}-{now.Day:00}",
                'T' => $"{now.Hour:00}:{now.Minute:00}:{now.Second:00}",
                'R' => $"{now.Hour:00}:{now.Minute:00}",
                'n' => "\n",
                't' => "\t",
                '%' => "%",
                _ => throw new JinjaRenderException($"strftime directive '%{c}' is not supported", line),
            });
        }
        return sb.ToString();
    }
}
