using System.Text.Json;

namespace Locus.Grammar.Tests.LlamaCases;

/// <summary>
/// Our converter against llama.cpp's own conversion cases: the same success or failure for every case, and for the
/// successful ones the same grammar (the same rule lines in the same order), except the few listed in <see cref="KnownDifferences"/>.
/// </summary>
public sealed class LlamaCaseTests
{
    /// <summary>Cases where our grammar differs from llama.cpp's on purpose, and why. Each must still differ.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownDifferences = new Dictionary<string, string>
    {
        // llama.cpp names the value rule of the root's property "" after the empty path, which is "root": its root
        // rule becomes that property's integer and the object moves to root0. Ours names it empty-name.
        ["optional props with empty name"] = "llama.cpp's root rule is the property's value, not the object",
    };

    [Theory]
    [MemberData(nameof(LlamaCase.Names), MemberType = typeof(LlamaCase))]
    public void Convert_LlamaCase_AgreesWithLlamaCpp(string name)
    {
        var testCase = LlamaCase.Named(name);
        using var schema = JsonDocument.Parse(testCase.Schema);
        if (!testCase.ShouldSucceed)
        {
            Assert.Throws<SchemaGrammarException>(() => JsonSchemaGrammar.Convert(schema.RootElement));
            return;
        }

        var ours = RuleLines(JsonSchemaGrammar.Convert(schema.RootElement));
        var theirs = testCase.Grammar;
        if (KnownDifferences.ContainsKey(name))
        {
            Assert.False(ours.ToHashSet().SetEquals(theirs), $"'{name}' now matches llama.cpp exactly: take it off KnownDifferences");
        }
        else
        {
            // The same lines in the same order (both sort rules by name): llama.cpp's own test compares the whole text.
            Assert.True(ours.SequenceEqual(theirs),
                $"ours only:\n{string.Join('\n', ours.Except(theirs))}\ntheirs only:\n{string.Join('\n', theirs.Except(ours))}");
        }
    }

    [Fact]
    public void Convert_LlamaCases_MostMatchExactly()
    {
        var successes = LlamaCase.All.Where(c => c.ShouldSucceed).ToList();
        var exact = successes.Count(c => !KnownDifferences.ContainsKey(c.Name));

        // The extraction found every case of llama.cpp's table, and the allow-list names only real cases.
        Assert.Equal(81, LlamaCase.All.Count);
        Assert.All(KnownDifferences.Keys, k => Assert.Contains(successes, c => c.Name == k));
        Assert.Equal(successes.Count - KnownDifferences.Count, exact);
    }

    internal static List<string> RuleLines(string grammar) =>
        [.. grammar.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}
