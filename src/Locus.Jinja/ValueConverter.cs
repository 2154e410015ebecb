using System.Collections;
using System.Text.Json;

namespace Locus.Jinja;

/// <summary>Turns caller-supplied .NET values (and JsonElement) into the interpreter's Python-like value model.</summary>
internal static class ValueConverter
{
    public static object? FromDotNet(object? value, string path) => value switch
    {
        null => null,
        string s => s,
        bool b => b,
        long or int or short or sbyte or byte or ushort or uint => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        ulong u => u <= long.MaxValue ? (object)(long)u : (double)u,
        double d => d,
        float f => (double)f,
        decimal m => (double)m,
        char c => c.ToString(),
        JsonElement e => FromJson(e),
        IReadOnlyDictionary<string, object?> d => FromPairs(d, path),
        IDictionary<string, object?> d => FromPairs(d, path),
        IDictionary d => FromLegacyDictionary(d, path),
        IEnumerable e => e.Cast<object?>().Select((x, i) => FromDotNet(x, $"{path}[{i}]")).ToList(),
        _ => throw new ArgumentException($"context value '{path}' has unsupported type {value.GetType().Name}", nameof(value)),
    };

    private static PyDict FromPairs(IEnumerable<KeyValuePair<string, object?>> pairs, string path)
    {
        var dict = new PyDict();
        foreach (var (k, v) in pairs)
        {
            dict[k] = FromDotNet(v, $"{path}.{k}");
        }
        return dict;
    }

    private static PyDict FromLegacyDictionary(IDictionary source, string path)
    {
        var dict = new PyDict();
        foreach (DictionaryEntry entry in source)
        {
            var key = FromDotNet(entry.Key, path) ?? throw new ArgumentException($"context value '{path}' has a null key", nameof(source));
            dict[key] = FromDotNet(entry.Value, $"{path}.{entry.Key}");
        }
        return dict;
    }

    /// <summary>Numbers keep Python's json.loads typing: an integer literal is int, anything with '.', 'e' or 'E' is float.</summary>
    public static object? FromJson(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var dict = new PyDict();
                foreach (var p in e.EnumerateObject())
                {
                    dict[p.Name] = FromJson(p.Value);
                }
                return dict;
            case JsonValueKind.Array:
                return e.EnumerateArray().Select(FromJson).ToList();
            case JsonValueKind.String:
                return e.GetString();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                var raw = e.GetRawText();
                if (raw.AsSpan().IndexOfAny(".eE") < 0 && e.TryGetInt64(out var l))
                {
                    return l;
                }
                return e.GetDouble();
            default:
                return null;
        }
    }
}
