using System.Text.Json;

namespace Locus.Grammar;

/// <summary>
/// Builds one GBNF grammar from several JSON schemas plus hand-written rules (for tool calls: a root rule that wraps each
/// tool's arguments schema in the model's call syntax). Shared rules (<c>space</c>, <c>string</c>, <c>value</c>, ...)
/// are written once.
/// </summary>
public sealed class GbnfBuilder
{
    private readonly RuleSet _rules = new();
    private readonly List<string> _warnings = [];

    private readonly JsonGrammarStyle _style;

    /// <param name="style">llama.cpp's rules exactly, or Locus's tighter whitespace and string escapes.</param>
    public GbnfBuilder(JsonGrammarStyle style = JsonGrammarStyle.LlamaCpp)
    {
        _style = style;
        _rules.Add("space", style == JsonGrammarStyle.Tight ? PrimitiveRules.TightSpace : PrimitiveRules.Space);
    }

    /// <summary>
    /// Where the grammars are looser than their schemas (a pattern the grammar cannot express, <c>multipleOf</c>, bounds
    /// on a number, an unknown <c>format</c>, ...), each with its schema path. The grammars still accept every valid
    /// value.
    /// </summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>
    /// Adds the rules for <paramref name="schema"/> under a rule named from <paramref name="name"/> (sanitized to GBNF
    /// rule-name characters, made unique) and returns the rule name to reference. <c>$ref</c>s resolve within that schema.
    /// The name <c>root</c> makes the schema the grammar's root, as <see cref="JsonSchemaGrammar.Convert"/> does.
    /// </summary>
    /// <exception cref="SchemaGrammarException">The schema is invalid or uses something the converter does not support.</exception>
    public string AddSchema(JsonElement schema, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var ruleName = RuleSet.Sanitize(name);
        if (ruleName.Length == 0)
        {
            throw new ArgumentException("A schema needs a non-empty rule name.", nameof(name));
        }

        var document = SchemaReader.Read(schema);
        _warnings.AddRange(document.Warnings);

        // As llama.cpp's build_grammar: the root schema is visited unnamed, so its rules are named by property alone.
        return new SchemaConverter(_rules, document, _warnings).Add(ruleName == "root" ? "" : ruleName);
    }

    /// <summary>Adds a hand-written rule, e.g. <c>AddRule("root", "\"&lt;tool_call&gt;\" space call \"&lt;/tool_call&gt;\"")</c>.</summary>
    /// <exception cref="InvalidOperationException">A different rule of that name is already in the grammar.</exception>
    public void AddRule(string name, string body)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(body);
        if (name.Length == 0 || RuleSet.Sanitize(name) != name)
        {
            throw new ArgumentException($"'{name}' is not a GBNF rule name (letters, digits and '-').", nameof(name));
        }

        _rules.AddExact(name, body);
    }

    /// <summary>The GBNF literal for <paramref name="text"/>: <c>Literal("&lt;tool_call&gt;")</c> is <c>"\"&lt;tool_call&gt;\""</c>, escaped.</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return GbnfText.Literal(text);
    }

    /// <summary>All rules, one per line, sorted by name.</summary>
    public string Build()
    {
        var text = _rules.Format();
        // The converter writes llama.cpp's rules; the tight style swaps in a char rule without surrogate escapes and a
        // date rule without impossible days.
        return _style == JsonGrammarStyle.Tight
            ? text.Replace(PrimitiveRules.CharLine, PrimitiveRules.TightCharLine, StringComparison.Ordinal)
                .Replace(PrimitiveRules.DateLine, PrimitiveRules.TightDateLine, StringComparison.Ordinal)
            : text;
    }
}
