using Locus.Core.Configuration;
using Locus.Routing.Options;

namespace Locus.Routing.Tests;

/// <summary><c>routing.cascade</c>: read, defaulted, and every mistake reported with its key path.</summary>
public sealed class CascadeConfigTests : IDisposable
{
    private const string Targets = """
        targets:
          - name: local
            kind: llama
            model: small.gguf
          - name: cloud
            kind: openai
            base_url: https://example.invalid/v1
            model: frontier-model
          - name: peer
            kind: openai
            base_url: http://192.168.1.20/v1
            model: auto
            on_device: true

        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("locus-cascade-cfg-").FullName;

    public CascadeConfigTests() => File.WriteAllText(Path.Combine(_dir, "small.gguf"), "x");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RouterConfig Parse(string yaml) => ConfigText.Bind(RouterConfig.Section, yaml, Path.Combine(_dir, "locus.yaml"));

    [Fact]
    public void Parse_FullCascade_ReadsEveryKey()
    {
        var cascade = Parse(Targets + "routing:\n  cascade: { min_confidence: 0.4, metric: min_logprob, max_local_tokens: 96 }\n").Routing.Cascade;

        Assert.Equal(new CascadeOptions { MinConfidence = 0.4, Metric = CascadeMetric.MinLogprob, MaxLocalTokens = 96 }, cascade);
    }

    [Fact]
    public void Parse_EmptyCascade_DefaultsToMeanLogprobAt055AndNoCap()
    {
        var cascade = Parse(Targets + "routing:\n  cascade: {}\n").Routing.Cascade!;

        Assert.Equal((0.55, CascadeMetric.MeanLogprob, (int?)null), (cascade.MinConfidence, cascade.Metric, cascade.MaxLocalTokens));
    }

    [Fact]
    public void Parse_NoCascade_IsOff() => Assert.Null(Parse(Targets).Routing.Cascade);

    [Theory]
    [InlineData("routing:\n  cascade: { min_confidence: 1.5 }\n", "routing.cascade.min_confidence", "")]
    [InlineData("routing:\n  cascade: { metric: perplexity }\n", "routing.cascade.metric", "mean_logprob, min_logprob, entropy")]
    [InlineData("routing:\n  cascade: { max_local_tokens: 0 }\n", "routing.cascade.max_local_tokens", "")]
    [InlineData("routing:\n  cascade: { min_confidense: 0.5 }\n", "routing.cascade.min_confidense", "min_confidence")]
    [InlineData("routing:\n  cloud: []\n  cascade: {}\n", "routing.cascade", "no cloud target")]
    [InlineData("routing:\n  fast: peer\n  cascade: {}\n", "routing.cascade", "only llama targets")]
    public void Parse_InvalidCascade_NamesKeyAndProblem(string routing, string key, string message)
    {
        var errors = Assert.Throws<ConfigurationException>(() => Parse(Targets + routing)).Errors;

        var error = Assert.Single(errors, e => e.Key == key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("locus.yaml", error.Source, StringComparison.Ordinal);
    }
}
