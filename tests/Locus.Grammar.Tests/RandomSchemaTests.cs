using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Locus.Grammar.Tests.Recognition;

namespace Locus.Grammar.Tests;

/// <summary>Random schemas (Locus.Testing.RandomSchemas) convert, and their grammar accepts the generator's valid instance.</summary>
public sealed class RandomSchemaTests
{
    [Fact]
    public void Convert_RandomSchemas_GrammarAcceptsValidInstance()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(RandomSchemas.Generator.ToArbitrary(), sample =>
        {
            Assert.True(SchemaOracle.IsValid(sample.Schema, sample.Instance), $"generator: {sample.Instance} is not valid for {sample.Schema}");
            using var schema = JsonDocument.Parse(sample.Schema);
            var grammar = GbnfGrammar.Parse(JsonSchemaGrammar.Convert(schema.RootElement));
            Assert.True(grammar.Accepts(sample.Instance), $"grammar rejects {sample.Instance} for {sample.Schema}");
        }));
    }

    [Fact]
    public void Sample_SameSeed_SameSchemas()
    {
        Assert.Equal(200, RandomSchemas.Sample(200, seed: 7).Count);
        Assert.Equal(RandomSchemas.Sample(20, seed: 7), RandomSchemas.Sample(20, seed: 7));
        Assert.NotEqual(RandomSchemas.Sample(20, seed: 7), RandomSchemas.Sample(20, seed: 8));
    }
}
