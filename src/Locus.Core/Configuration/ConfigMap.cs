using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Locus.Core.Configuration;

/// <summary>
/// One mapping of a <see cref="ConfigDocument"/>, read key by key: typed getters record a precise error (key path,
/// file and line) in the document instead of throwing and yield null, so one load reports every problem; and
/// <see cref="RejectUnknown"/> names each key nobody asked for, with a suggestion, so a typo cannot silently do nothing.
/// </summary>
public sealed class ConfigMap
{
    private const string ExpectedMapping = "expected a mapping of keys to values";

    private readonly YamlMappingNode _node;
    private readonly ConfigDocument _document;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    internal ConfigMap(YamlMappingNode node, string path, ConfigDocument document)
    {
        _node = node;
        _document = document;
        Path = path;
    }

    /// <summary>This mapping's key path (<c>routing.cascade</c>, <c>targets[0]</c>); empty for the top level.</summary>
    public string Path { get; }

    /// <summary>Whether the key is present (even with an empty value); it counts as read.</summary>
    public bool Has(string key) => Node(key) is not null;

    /// <summary>A nested mapping; null when absent or empty. Anything else is an error.</summary>
    public ConfigMap? Map(string key) => From(Node(key), Key(key), _document, ExpectedMapping, skipEmpty: true);

    /// <summary>
    /// A list of mappings (<c>targets:</c>, <c>devices:</c>); null when absent or empty, and when the value is not a
    /// list (reported as <paramref name="expected"/>). Entries keep their index in their path (<c>targets[2]</c>).
    /// Without <paramref name="entryExpected"/>, empty entries are skipped and other non-mappings are reported as
    /// "expected a mapping of keys to values"; with it, every entry that is not a mapping is reported with it.
    /// </summary>
    public IReadOnlyList<ConfigMap>? MapList(string key, string expected, string? entryExpected = null)
    {
        switch (Node(key))
        {
            case null:
                return null;
            case var empty when IsNull(empty):
                return null;
            case YamlSequenceNode list:
                var maps = new List<ConfigMap>();
                for (var i = 0; i < list.Children.Count; i++)
                {
                    if (From(list.Children[i], $"{Key(key)}[{i}]", _document, entryExpected ?? ExpectedMapping, skipEmpty: entryExpected is null) is { } map)
                    {
                        maps.Add(map);
                    }
                }

                return maps;
            case var other:
                Fail(key, expected, other);
                return null;
        }
    }

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

    /// <summary>Text that must be present and not blank; "is required" otherwise.</summary>
    public string? RequiredText(string key)
    {
        var text = Text(key);
        if (string.IsNullOrWhiteSpace(text))
        {
            Fail(key, "is required");
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

        FailValue(key, $"expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got \"{text}\"");
        return null;
    }

    /// <summary>An amount in USD, at least 0.</summary>
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

        FailValue(key, $"expected an amount in USD (a number ≥ 0), got \"{text}\"");
        return null;
    }

    public int? Int(string key, int min, int max) => Number(key, min, max) is { } n
        ? (n == Math.Floor(n) ? (int)n : Fail<int?>(key, $"expected a whole number, got {n.ToString(CultureInfo.InvariantCulture)}"))
        : null;

    public bool? Bool(string key)
    {
        var text = Text(key);
        return text is null ? null : ConfigBooleans.Parse(text) ?? Fail<bool?>(key, $"expected true or false, got \"{text}\"");
    }

    /// <summary>A duration written in milliseconds (at most a day).</summary>
    public TimeSpan? Millis(string key) =>
        Number(key, 0, TimeSpan.FromDays(1).TotalMilliseconds) is { } ms ? TimeSpan.FromMilliseconds(ms) : null;

    /// <summary>One of <typeparamref name="T"/>'s names, ignoring case; the error lists them in lower case.</summary>
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
        FailValue(key, $"expected one of {allowed}, got \"{text}\"");
        return null;
    }

    /// <summary>A list of names; a single value is a list of one, an empty value an empty list.</summary>
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

    /// <summary>A mapping of names to single values (e.g. HTTP headers); every key is accepted.</summary>
    public IReadOnlyDictionary<string, string>? TextMap(string key)
    {
        if (Map(key) is not { } map)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map._node.Children)
        {
            var name = NameOf(k);
            map._read.Add(name);
            if (v is YamlScalarNode { Value: { } value })
            {
                result[name] = value;
            }
            else
            {
                map.Fail(name, "expected a single value", v);
            }
        }

        return result;
    }

    /// <summary>Reports each key present in the file that no getter asked for, suggesting the closest one read.</summary>
    public void RejectUnknown()
    {
        foreach (var (k, _) in _node.Children)
        {
            var name = NameOf(k);
            if (!_read.Contains(name))
            {
                var hint = KeySuggestions.Closest(name, _read) is { } suggestion ? $"; did you mean {suggestion}?" : "";
                _document.ErrorList.Add(new ConfigurationError(Key(name), "unknown key" + hint, ConfigDocument.At(_document.File, k)));
            }
        }
    }

    /// <summary>Records a problem with <paramref name="key"/>, located at this mapping.</summary>
    public void Fail(string key, string message) => Fail(key, message, _node);

    /// <summary>Records a problem with <paramref name="key"/>, located at its value (at this mapping when absent).</summary>
    public void FailValue(string key, string message) => Fail(key, message, Node(key) ?? _node);

    /// <summary><see cref="FailValue"/>, returning <typeparamref name="T"/>'s default so a getter can fail in one expression.</summary>
    public T? Fail<T>(string key, string message)
    {
        FailValue(key, message);
        return default;
    }

    /// <summary>Where <paramref name="key"/>'s value is written (<c>in locus.yaml, line 9</c>); this mapping's line when absent.</summary>
    public string Location(string key) => ConfigDocument.At(_document.File, Node(key) ?? _node);

    /// <summary>The full key path of <paramref name="key"/> in this mapping.</summary>
    public string Key(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>A plain empty, <c>~</c> or <c>null</c> is YAML's null; a quoted one is a string.</summary>
    internal static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    internal static string NameOf(YamlNode key) => key is YamlScalarNode { Value: { } name } ? name : key.ToString();

    private static ConfigMap? From(YamlNode? node, string path, ConfigDocument document, string expected, bool skipEmpty)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlMappingNode mapping:
                return new ConfigMap(mapping, path, document);
            case var empty when skipEmpty && IsNull(empty):
                return null;
            default:
                document.ErrorList.Add(new ConfigurationError(path, expected, ConfigDocument.At(document.File, node)));
                return null;
        }
    }

    private YamlNode? Node(string key)
    {
        _read.Add(key);
        return _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    private void Fail(string key, string message, YamlNode at) =>
        _document.ErrorList.Add(new ConfigurationError(Key(key), message, ConfigDocument.At(_document.File, at)));
}
