using System.Globalization;
using Locus.Core.Configuration;
using YamlDotNet.RepresentationModel;

namespace Locus.Routing.Options;

/// <summary>
/// A YAML mapping read key by key: typed getters that record a precise error (key path, line) instead of throwing, and
/// a final check that names every key nobody asked for, so a typo cannot silently do nothing.
/// </summary>
internal sealed class YamlMap(YamlMappingNode node, string path, string file, List<ConfigurationError> errors)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public string Path => path;

    public string File => file;

    public List<ConfigurationError> Errors => errors;

    public static YamlMap? From(YamlNode? node, string path, string file, List<ConfigurationError> errors)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlMappingNode mapping:
                return new YamlMap(mapping, path, file, errors);
            case YamlScalarNode scalar when IsNull(scalar):
                return null;
            default:
                errors.Add(new ConfigurationError(path, "expected a mapping of keys to values", At(file, node)));
                return null;
        }
    }

    public YamlNode? Node(string key)
    {
        _read.Add(key);
        return node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    public YamlMap? Map(string key) => From(Node(key), Key(key), file, errors);

    public string? Text(string key)
    {
        switch (Node(key))
        {
            case null:
                return null;
            case YamlScalarNode scalar when IsNull(scalar):
                return null;
            case YamlScalarNode scalar:
                return scalar.Value;
            case var other:
                Fail(key, "expected a single value", other);
                return null;
        }
    }

    public string? RequiredText(string key)
    {
        var text = Text(key);
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new ConfigurationError(Key(key), "is required", At(file, node)));
            return null;
        }

        return text;
    }

    public double? Number(string key, double min, double max)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Fail(key, $"expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got \"{text}\"", Node(key)!);
        return null;
    }

    public decimal? Money(string key)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value;
        }

        Fail(key, $"expected an amount in USD (a number ≥ 0), got \"{text}\"", Node(key)!);
        return null;
    }

    public int? Int(string key, int min, int max) => Number(key, min, max) is { } n
        ? (n == Math.Floor(n) ? (int)n : Fail<int?>(key, $"expected a whole number, got {n.ToString(CultureInfo.InvariantCulture)}"))
        : null;

    public bool? Bool(string key)
    {
        var text = Text(key);
        return text switch
        {
            null => null,
            "true" or "True" or "yes" or "on" => true,
            "false" or "False" or "no" or "off" => false,
            _ => Fail<bool?>(key, $"expected true or false, got \"{text}\""),
        };
    }

    public TimeSpan? Millis(string key) => Number(key, 0, TimeSpan.FromDays(1).TotalMilliseconds) is { } ms ? TimeSpan.FromMilliseconds(ms) : null;

    public T? Enum<T>(string key) where T : struct, System.Enum
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }

        foreach (var value in System.Enum.GetValues<T>())
        {
            if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var allowed = string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
        Fail(key, $"expected one of {allowed}, got \"{text}\"", Node(key)!);
        return null;
    }

    public IReadOnlyList<string>? TextList(string key)
    {
        switch (Node(key))
        {
            case null:
                return null;
            case YamlScalarNode scalar when IsNull(scalar):
                return [];
            case YamlScalarNode scalar:
                return [scalar.Value ?? ""];
            case YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode):
                return [.. list.Children.Select(c => ((YamlScalarNode)c).Value ?? "")];
            case var other:
                Fail(key, "expected a list of names", other);
                return null;
        }
    }

    public IReadOnlyDictionary<string, string>? TextMap(string key)
    {
        if (Map(key) is not { } map)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Entries())
        {
            if (v is YamlScalarNode { Value: { } value })
            {
                result[k] = value;
            }
            else
            {
                map.Fail(k, "expected a single value", v);
            }
        }

        return result;
    }

    public IEnumerable<(string Key, YamlNode Value)> Entries()
    {
        foreach (var (k, v) in node.Children)
        {
            var name = k is YamlScalarNode { Value: { } s } ? s : k.ToString();
            _read.Add(name);
            yield return (name, v);
        }
    }

    /// <summary>Reports keys present in the file that no getter asked for.</summary>
    public void RejectUnknown(IReadOnlyList<string>? known = null)
    {
        foreach (var (k, _) in node.Children)
        {
            var name = k is YamlScalarNode { Value: { } s } ? s : k.ToString();
            if (!_read.Contains(name))
            {
                var hint = KeySuggestions.Closest(name, _read) is { } s2 ? $"; did you mean {s2}?" : "";
                errors.Add(new ConfigurationError(Key(name), "unknown key" + hint, At(file, k)));
            }
        }
    }

    public void Fail(string key, string message, YamlNode? at = null) =>
        errors.Add(new ConfigurationError(Key(key), message, At(file, at ?? node)));

    public T? Fail<T>(string key, string message)
    {
        Fail(key, message, Node(key));
        return default;
    }

    public string Key(string key) => path.Length == 0 ? key : $"{path}.{key}";

    public string Where => At(file, node);

    public static string At(string file, YamlNode node) => $"in {file}, line {node.Start.Line}";

    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
