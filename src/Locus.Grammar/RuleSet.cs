using System.Text;
using System.Text.RegularExpressions;

namespace Locus.Grammar;

/// <summary>
/// The rules of one grammar, by name, written out sorted (as llama.cpp's std::map does). A name taken by a different
/// body gets a number appended, so rules that only share a name never clash.
/// </summary>
internal sealed partial class RuleSet
{
    private readonly SortedDictionary<string, string> _rules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);

    [GeneratedRegex("[^a-zA-Z0-9-]+")]
    private static partial Regex InvalidRuleChars();

    public static string Sanitize(string name) => InvalidRuleChars().Replace(name, "-");

    public bool Contains(string name) => _rules.ContainsKey(name);

    public bool TryGet(string name, out string body) => _rules.TryGetValue(name, out body!);

    /// <summary>Adds <paramref name="body"/> under <paramref name="name"/> or, when that is taken by another body, a numbered variant; returns the name used.</summary>
    public string Add(string name, string body)
    {
        var escaped = Sanitize(name);
        if (IsFreeFor(escaped, body))
        {
            return Put(escaped, body);
        }

        var i = 0;
        while (!IsFreeFor(escaped + i, body))
        {
            i++;
        }

        return Put(escaped + i, body);
    }

    /// <summary>
    /// A name no rule has yet, kept from every other <see cref="Add"/> until its first: a <c>$ref</c> target is
    /// referenced by name (recursion) before its body is known.
    /// </summary>
    public string Reserve(string name)
    {
        var escaped = Sanitize(name);
        var candidate = escaped;
        for (var i = 0; _rules.ContainsKey(candidate) || _reserved.Contains(candidate); i++)
        {
            candidate = escaped + i;
        }

        _reserved.Add(candidate);
        return candidate;
    }

    public void Release(string name) => _reserved.Remove(name);

    /// <summary>A hand-written rule under exactly <paramref name="name"/>; another body already there is an error.</summary>
    public void AddExact(string name, string body)
    {
        if (_rules.TryGetValue(name, out var existing) && existing != body)
        {
            throw new InvalidOperationException($"A different rule named '{name}' is already in the grammar: {name} ::= {existing}");
        }

        _rules[name] = body;
    }

    public IReadOnlyDictionary<string, string> Snapshot() => new Dictionary<string, string>(_rules, StringComparer.Ordinal);

    public void Restore(IReadOnlyDictionary<string, string> snapshot)
    {
        _rules.Clear();
        foreach (var (name, body) in snapshot)
        {
            _rules[name] = body;
        }
    }

    public string Format()
    {
        var text = new StringBuilder();
        foreach (var (name, body) in _rules)
        {
            text.Append(name).Append(" ::= ").Append(body).Append('\n');
        }

        return text.ToString();
    }

    private bool IsFreeFor(string name, string body) =>
        _rules.TryGetValue(name, out var existing) ? existing == body : true;

    private string Put(string name, string body)
    {
        // The first rule under a reserved name is the one it was reserved for.
        _reserved.Remove(name);
        _rules[name] = body;
        return name;
    }
}
