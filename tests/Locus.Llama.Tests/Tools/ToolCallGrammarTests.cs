using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Locus.Llama.Tools;

namespace Locus.Llama.Tests.Tools;

public sealed class ToolCallGrammarTests
{
    private static readonly ToolSpec Weather = Tool("get_weather", """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""");
    private static readonly ToolSpec Time = Tool("get_time", """{"type":"object","properties":{"zone":{"type":"string"}}}""");
    private static readonly ToolSpec[] Tools = [Weather, Time];

    private static ToolSpec Tool(string name, string schema) => new(name, $"The {name} tool", JsonDocument.Parse(schema).RootElement.Clone());

    public static TheoryData<string> Families() => [.. AllFormats().Keys];

    private static Dictionary<string, ToolCallFormat> AllFormats() => new()
    {
        ["Hermes"] = ToolCallFormat.Hermes,
        ["Llama3"] = ToolCallFormat.Llama3,
        ["MistralJsonArray"] = ToolCallFormat.MistralJsonArray,
        ["MistralNamedArgs"] = ToolCallFormat.MistralNamedArgs,
        ["MistralNamedArgsWithId"] = ToolCallFormat.MistralNamedArgsWithId,
        ["DeepSeekR1"] = ToolCallFormat.DeepSeekR1,
        ["DeepSeekV31"] = ToolCallFormat.DeepSeekV31,
        ["Generic"] = ToolCallFormat.Generic,
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void Build_AnyFamilyAndChoice_DefinesEveryRuleItReferences(string family)
    {
        foreach (var choice in new[] { ToolChoiceKind.Auto, ToolChoiceKind.Required, ToolChoiceKind.Named })
        {
            foreach (var parallel in new[] { false, true })
            {
                var rules = new FakeGrammarRules();
                ToolCallGrammar.Build(AllFormats()[family], Tools, choice, "get_time", parallel, rules);

                Assert.Contains("root", rules.Rules.Keys);
                foreach (var (name, body) in rules.Rules)
                {
                    foreach (var reference in References(body))
                    {
                        Assert.True(rules.Rules.ContainsKey(reference), $"{family}/{choice}: rule {name} uses undefined {reference}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Build_Auto_IsLazyWithTheFormatsTriggersExceptForGeneric(string family)
    {
        var format = AllFormats()[family];

        var plan = ToolCallGrammar.Build(format, Tools, ToolChoiceKind.Auto, null, parallel: false, new FakeGrammarRules());

        Assert.Equal(format.Family != ToolCallFamily.Generic, plan.Lazy);
        Assert.Equal(plan.Lazy ? format.TriggerPatterns : [], plan.TriggerPatterns);
        Assert.Equal(plan.Lazy ? format.TriggerTokenTexts : [], plan.TriggerTokenTexts);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Build_RequiredOrNamed_ConstrainsFromTheFirstToken(bool named)
    {
        var choice = named ? ToolChoiceKind.Named : ToolChoiceKind.Required;
        var plan = ToolCallGrammar.Build(ToolCallFormat.Hermes, Tools, choice, "get_time", parallel: false, new FakeGrammarRules());

        Assert.False(plan.Lazy);
        Assert.Empty(plan.TriggerPatterns);
        Assert.Empty(plan.TriggerTokenTexts);
    }

    [Fact]
    public void Build_Hermes_WrapsAJsonObjectWithTheNameAsConstantAndTheSchemaForArguments()
    {
        var rules = new FakeGrammarRules();

        var plan = ToolCallGrammar.Build(ToolCallFormat.Hermes, Tools, ToolChoiceKind.Auto, null, parallel: false, rules);

        Assert.Equal(["tool-0-get-weather-args", "tool-1-get-time-args"], rules.Schemas.Select(s => s.Name));
        Assert.Equal(Weather.ParametersSchema.GetRawText(), rules.Schemas[0].Schema);
        Assert.Equal("tool-block", rules.Rules["root"]);
        Assert.Equal("\"<tool_call>\\n\" tool-call \"\\n</tool_call>\"", rules.Rules["tool-block"]);
        Assert.Equal("tool-0-call | tool-1-call", rules.Rules["tool-call"]);
        var call = rules.Rules["tool-0-call"];
        Assert.Contains("\"\\\"name\\\"\" tool-ws \":\" tool-ws \"\\\"get_weather\\\"\"", call, StringComparison.Ordinal);
        Assert.Contains("\"\\\"arguments\\\"\" tool-ws \":\" tool-ws tool-0-get-weather-args", call, StringComparison.Ordinal);
        Assert.Contains("root ::= tool-block", plan.Grammar, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Parallel_RepeatsTheCall()
    {
        var one = new FakeGrammarRules();
        var many = new FakeGrammarRules();

        ToolCallGrammar.Build(ToolCallFormat.MistralJsonArray, Tools, ToolChoiceKind.Required, null, parallel: false, one);
        ToolCallGrammar.Build(ToolCallFormat.MistralJsonArray, Tools, ToolChoiceKind.Required, null, parallel: true, many);

        Assert.Equal("\"[TOOL_CALLS][\" tool-ws tool-call tool-ws \"]\"", one.Rules["root"]);
        Assert.Equal("\"[TOOL_CALLS][\" tool-ws tool-call ( tool-ws \",\" tool-ws tool-call )* tool-ws \"]\"", many.Rules["root"]);
    }

    [Fact]
    public void Build_Named_OffersOnlyThatTool()
    {
        var rules = new FakeGrammarRules();

        ToolCallGrammar.Build(ToolCallFormat.Llama3, Tools, ToolChoiceKind.Named, "get_time", parallel: false, rules);

        Assert.Equal("tool-0-get-time-args", Assert.Single(rules.Schemas).Name);
        Assert.Contains("\"\\\"parameters\\\"\"", rules.Rules["tool-0-call"], StringComparison.Ordinal);
        Assert.Equal("\"<|python_tag|>\"? tool-call", rules.Rules["root"]);
    }

    [Fact]
    public void Build_MistralSmall_AllowsTheCallId()
    {
        var rules = new FakeGrammarRules();

        ToolCallGrammar.Build(ToolCallFormat.MistralNamedArgsWithId, [Weather], ToolChoiceKind.Required, null, parallel: false, rules);

        Assert.Equal("\"[TOOL_CALLS]get_weather\" ( \"[CALL_ID]\" [a-zA-Z0-9]{9} )? \"[ARGS]\" tool-0-get-weather-args", rules.Rules["tool-0-call"]);
    }

    [Fact]
    public void Build_DeepSeekR1_WritesTheFenceTheTemplateShows()
    {
        var rules = new FakeGrammarRules();

        ToolCallGrammar.Build(ToolCallFormat.DeepSeekR1, [Weather], ToolChoiceKind.Required, null, parallel: false, rules);

        Assert.Equal(
            "\"<｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\\n```json\\n\" tool-0-get-weather-args \"\\n```<｜tool▁call▁end｜>\"",
            rules.Rules["tool-0-call"]);
        Assert.Equal("\"<｜tool▁calls▁begin｜>\" tool-call \"<｜tool▁calls▁end｜>\"", rules.Rules["root"]);
    }

    [Fact]
    public void Build_GenericAuto_AllowsAResponseInstead()
    {
        var rules = new FakeGrammarRules();

        ToolCallGrammar.Build(ToolCallFormat.Generic, Tools, ToolChoiceKind.Auto, null, parallel: false, rules);

        Assert.Contains("\"\\\"response\\\"\" tool-ws \":\" tool-ws tool-string", rules.Rules["root"], StringComparison.Ordinal);
        Assert.Contains("\"\\\"tool_calls\\\"\"", rules.Rules["root"], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoTools_ThrowsNamingTools()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ToolCallGrammar.Build(ToolCallFormat.Hermes, [], ToolChoiceKind.Auto, null, false, new FakeGrammarRules()));

        Assert.Equal("tools", error.ParamName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("no_such_tool")]
    public void Build_NamedToolMissing_ThrowsNamingNamedTool(string? named)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ToolCallGrammar.Build(ToolCallFormat.Hermes, Tools, ToolChoiceKind.Named, named, false, new FakeGrammarRules()));

        Assert.Equal("namedTool", error.ParamName);
    }

    public static TheoryData<string, string, string> TriggerSamples() => new()
    {
        { "Hermes", "I'll check.\n<tool_call>\n{\"name\"", "<tool_call>" },
        { "Llama3", "\n {\"name\": \"get_weather\"", "{" },
        { "Llama3", "Sure <|python_tag|>{\"name\"", "<|python_tag|>" },
        { "MistralJsonArray", "ok[TOOL_CALLS][{", "[TOOL_CALLS]" },
        { "MistralNamedArgs", "[TOOL_CALLS]get_weather", "[TOOL_CALLS]" },
        { "DeepSeekR1", "</think>x<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>", "<｜tool▁calls▁begin｜>" },
    };

    [Theory]
    [MemberData(nameof(TriggerSamples))]
    public void TriggerPatterns_MatchTheWholeOutput_WithTheGroupAtTheOpener(string family, string output, string opener)
    {
        var format = AllFormats()[family];

        var match = format.TriggerPatterns
            .Select(p => Regex.Match(output, $"^(?:{p})$"))
            .First(m => m.Success);

        Assert.Equal(output.IndexOf(opener, StringComparison.Ordinal), match.Groups[1].Index);
    }

    [Fact]
    public void TriggerPatterns_PlainText_DoNotFire()
    {
        foreach (var format in AllFormats().Values)
        {
            Assert.DoesNotContain(format.TriggerPatterns, p => Regex.IsMatch("Hello, {world}!", $"^(?:{p})$"));
        }
    }

    /// <summary>Rule names a GBNF body uses (outside string literals and character classes).</summary>
    private static IEnumerable<string> References(string body)
    {
        var stripped = new StringBuilder();
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c is '"' or '[')
            {
                var close = c == '"' ? '"' : ']';
                for (i++; i < body.Length && body[i] != close; i++)
                {
                    if (body[i] == '\\')
                    {
                        i++;
                    }
                }

                stripped.Append(' ');
                continue;
            }

            if (c == '{')
            {
                i = body.IndexOf('}', i);
                stripped.Append(' ');
                continue;
            }

            stripped.Append(c);
        }

        return Regex.Matches(stripped.ToString(), "[a-zA-Z][a-zA-Z0-9-]*").Select(m => m.Value);
    }
}
