using System.Text.Json;

namespace Locus.Grammar.Tests.LlamaCases;

/// <summary>One case of llama.cpp's tests/test-json-schema-to-grammar.cpp: a schema and the grammar llama.cpp gives.</summary>
public sealed record LlamaCase(string Name, bool ShouldSucceed, string Schema, IReadOnlyList<string> Grammar)
{
    private static readonly Lazy<IReadOnlyList<LlamaCase>> Cases = new(Load);

    public static IReadOnlyList<LlamaCase> All => Cases.Value;

    public static LlamaCase Named(string name) => All.Single(c => c.Name == name);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All)
        {
            data.Add(c.Name);
        }

        return data;
    }

    public override string ToString() => Name;

    private static List<LlamaCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "LlamaCases", "llama-cases.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(c => new LlamaCase(
            c.GetProperty("name").GetString()!,
            c.GetProperty("status").GetString() == "SUCCESS",
            c.GetProperty("schema").GetString()!,
            [.. c.GetProperty("grammar").EnumerateArray().Select(l => l.GetString()!)]))];
    }
}
