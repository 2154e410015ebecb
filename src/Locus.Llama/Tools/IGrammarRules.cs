using System.Text.Json;

namespace Locus.Llama.Tools;

/// <summary>A GBNF grammar under construction: JSON Schemas turned into rules, plus hand-written rules.</summary>
internal interface IGrammarRules
{
    /// <summary>Adds the GBNF rules for a JSON Schema and returns the rule name to reference.</summary>
    string AddSchema(JsonElement schema, string name);

    /// <summary>Adds (or replaces) the rule <paramref name="name"/> ::= <paramref name="body"/>.</summary>
    void AddRule(string name, string body);

    /// <summary>The whole grammar text; its entry rule is "root".</summary>
    string Build();
}
