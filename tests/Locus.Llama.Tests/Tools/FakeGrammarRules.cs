using System.Text;
using System.Text.Json;
using Locus.Llama.Tools;

namespace Locus.Llama.Tests.Tools;

/// <summary>Records the schemas it is given and stands a placeholder object rule in for each.</summary>
internal sealed class FakeGrammarRules : IGrammarRules
{
    public List<(string Name, string Schema)> Schemas { get; } = [];

    public Dictionary<string, string> Rules { get; } = [];

    public string AddSchema(JsonElement schema, string name)
    {
        Schemas.Add((name, schema.GetRawText()));
        Rules[name] = "\"{\" [^}]* \"}\"";
        return name;
    }

    public void AddRule(string name, string body) => Rules[name] = body;

    public string Build()
    {
        var sb = new StringBuilder();
        foreach (var (name, body) in Rules)
        {
            sb.Append(name).Append(" ::= ").Append(body).Append('\n');
        }

        return sb.ToString();
    }
}
