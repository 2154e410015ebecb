using System.Text.Json;
using Locus.Core.Configuration;
using Locus.Grammar;
using Locus.Llama.Engine;
using Locus.Llama.Native;

namespace Locus.Llama.Tests.Grammar;

/// <summary>A vocabulary to build grammar samplers against: stories260K, loaded vocab-only, once for these tests.</summary>
public sealed class VocabFixture : IDisposable
{
    private readonly SafeModelHandle? _model;

    public VocabFixture()
    {
        if (!SharedModels.Available)
        {
            return;
        }

        LlamaRuntime.EnsureInitialized(new LlamaOptions(), null);
        var parameters = LlamaApi.llama_model_default_params();
        parameters.VocabOnly = 1;
        parameters.NGpuLayers = 0;
        _model = LlamaApi.LoadModel(SharedModels.Stories, parameters) ?? throw new InvalidOperationException("stories260K did not load");
        Vocab = LlamaApi.Vocab(_model);
    }

    internal IntPtr Vocab { get; }

    /// <summary>Whether llama.cpp's own GBNF parser accepts <paramref name="grammar"/> (it builds a sampler from it).</summary>
    internal bool Parses(string grammar, string root = "root")
    {
        var sampler = LlamaApi.CreateGrammarSampler(Vocab, grammar, root);
        if (sampler == IntPtr.Zero)
        {
            return false;
        }

        LlamaApi.FreeSampler(sampler);
        return true;
    }

    public void Dispose() => _model?.Dispose();
}

/// <summary>Every grammar the converter makes is one llama.cpp parses: its own test cases, random schemas, tool calls.</summary>
public sealed class GrammarParseTests(VocabFixture llama) : IClassFixture<VocabFixture>
{
    [ModelFact]
    public void CreateGrammarSampler_BrokenGrammar_IsRefused()
    {
        // The control: without it a sampler for every grammar below would prove nothing.
        Assert.False(llama.Parses("root ::= \"a\" (missing"));
        Assert.False(llama.Parses("root ::= undefined-rule"));
        Assert.True(llama.Parses("root ::= \"a\"+"));
    }

    [ModelFact]
    public void Convert_LlamaCppCases_EveryGrammarParses()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Grammar", "llama-cases.json");
        using var cases = JsonDocument.Parse(File.ReadAllText(path));
        var converted = 0;
        var refused = new List<string>();
        foreach (var testCase in cases.RootElement.EnumerateArray().Where(c => c.GetProperty("status").GetString() == "SUCCESS"))
        {
            using var schema = JsonDocument.Parse(testCase.GetProperty("schema").GetString()!);
            var grammar = JsonSchemaGrammar.Convert(schema.RootElement);
            converted++;
            if (!llama.Parses(grammar))
            {
                refused.Add(testCase.GetProperty("name").GetString()!);
            }
        }

        Assert.Equal(78, converted);
        Assert.Empty(refused);
    }

    [ModelFact]
    public void Convert_RandomSchemas_EveryGrammarParses()
    {
        var refused = RandomSchemas.Sample(200)
            .Where(sample =>
            {
                using var schema = JsonDocument.Parse(sample.Schema);
                return !llama.Parses(JsonSchemaGrammar.Convert(schema.RootElement));
            })
            .Select(sample => sample.Schema)
            .ToList();

        Assert.Empty(refused);
    }

    [ModelFact]
    public void Build_ToolCallGrammar_Parses()
    {
        using var weather = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string","pattern":"^[A-Z][a-z]+$"},"unit":{"enum":["c","f"]}},"required":["city"]}""");
        using var search = JsonDocument.Parse("""{"type":"object","properties":{"q":{"$ref":"#/$defs/q"}},"$defs":{"q":{"type":"string","maxLength":50}}}""");
        var builder = new GbnfBuilder();
        var a = builder.AddSchema(weather.RootElement, "get_weather");
        var b = builder.AddSchema(search.RootElement, "search");
        builder.AddRule("call", $"{GbnfBuilder.Literal("{\"name\":\"get_weather\",\"arguments\":")} {a} \"}}\" | {GbnfBuilder.Literal("{\"name\":\"search\",\"arguments\":")} {b} \"}}\"");
        builder.AddRule("root", $"{GbnfBuilder.Literal("<tool_call>\n")} call {GbnfBuilder.Literal("\n</tool_call>")}");

        Assert.True(llama.Parses(builder.Build()));
    }
}
