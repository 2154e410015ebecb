using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Locus.Gguf;

/// <summary>Read-only key lookup that enumerates in file order, so a copy writes keys in the same order.</summary>
internal sealed class GgufMetadata : IReadOnlyDictionary<string, GgufValue>
{
    private readonly List<KeyValuePair<string, GgufValue>> _entries = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<GgufValue> Values => _entries.Select(e => e.Value);

    public GgufValue this[string key] => _entries[_index[key]].Value;

    /// <summary>Adds a new key; false if it is already present.</summary>
    public bool TryAdd(string key, GgufValue value)
    {
        if (!_index.TryAdd(key, _entries.Count))
        {
            return false;
        }

        _entries.Add(new(key, value));
        return true;
    }

    /// <summary>Adds a key, or replaces its value where it stands.</summary>
    public void Set(string key, GgufValue value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            _entries[i] = new(key, value);
        }
        else
        {
            TryAdd(key, value);
        }
    }

    public bool ContainsKey(string key) => _index.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out GgufValue value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            value = _entries[i].Value;
            return true;
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, GgufValue>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
