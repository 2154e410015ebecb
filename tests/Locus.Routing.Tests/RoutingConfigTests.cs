using Locus.Core.Configuration;
using Locus.Ledger.Configuration;
using Locus.Routing.Ensembles;
using Locus.Routing.Options;

namespace Locus.Routing.Tests;

/// <summary>The routing sections (and the ledger beside them) bound from one file, every mistake named with its key.</summary>
public sealed class RoutingConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("locus-rcfg-").FullName;
    private readonly Dictionary<string, string> _env = new() { ["CLOUD_API_KEY"] = "sk-test", ["ALICE_KEY"] = "alice-1,alice-2" };

    public RoutingConfigTests() => File.WriteAllText(Path.Combine(_dir, "small.gguf"), "x");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RouterConfig Parse(string yaml) =>
        ConfigText.Bind(RouterConfig.Section, yaml, Path.Combine(_dir, "locus.yaml"), name => _env.GetValueOrDefault(name));

    private LedgerSettings Ledger(string yaml) => ConfigText.Bind(LedgerSettings.Section, yaml, Path.Combine(_dir, "locus.yaml"));

    private IReadOnlyList<ConfigurationError> Errors(string yaml) =>
        Assert.Throws<ConfigurationException>(() => Parse(yaml)).Errors;

    [Fact]
    public void Parse_FullExample_ReadsEverySection()
    {
        var config = Parse(ConfigSamples.Full);
        Assert.Equal(["local", "cloud", "claude"], config.Targets.Select(t => t.Name));
        var local = config.Targets[0];
        Assert.Equal(Path.Combine(_dir, "small.gguf"), local.Model);
        Assert.True(local.OnDevice);
        Assert.True(local.SupportsTools);
        Assert.True(local.SupportsJsonSchema);
        var cloud = config.Targets[1];
        Assert.Equal((TargetKind.OpenAI, false, true), (cloud.Kind, cloud.OnDevice, cloud.SupportsTools));
        Assert.Equal(new PriceOptions(3m, 15m, 0.3m), cloud.Price);
        Assert.Equal(TimeSpan.FromSeconds(20), cloud.Timeout);
        Assert.Equal(TargetKind.Anthropic, config.Targets[2].Kind);
        Assert.Equal("local", config.Routing.FastTarget);
        Assert.Equal(["cloud", "claude"], config.Routing.CloudTargets);
        Assert.Equal(3, config.Routing.Ensemble!.Samples);
        Assert.Equal(AgreementMeasure.Vote, config.Routing.Ensemble.Measure);
        Assert.Equal((0.3, 0.7), (config.Routing.FastBelow, config.Routing.CloudFrom));
        Assert.Equal(PrivacyAction.Local, config.Routing.Privacy);
        Assert.Equal(TimeSpan.FromMilliseconds(400), config.Routing.LatencyBudget);
        Assert.Equal(OverBudgetAction.Refuse, config.Routing.OverBudget);
        var alice = Assert.Single(config.Clients);
        Assert.Equal(["alice-1", "alice-2"], alice.ApiKeys);
        Assert.Equal(1.50m, alice.DailyBudgetUsd);
        Assert.False(alice.AllowCloud);
        var ledger = Ledger(ConfigSamples.Full);
        Assert.Equal(Path.Combine(_dir, "usage.db"), ledger.Path);
        Assert.True(ledger.StorePrompts);
    }

    [Fact]
    public void Parse_NoRoutingSections_GivesEmptyConfigWithDefaultLedger()
    {
        var config = Parse("server:\n  port: 1\n");
        Assert.Empty(config.Targets);
        Assert.EndsWith("usage.db", Ledger("server:\n  port: 1\n").Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LedgerDisabled_HasNoPath() =>
        Assert.Null(Ledger("ledger:\n  enabled: false\n").Path);

    [Theory]
    [InlineData("targets:\n  - name: c\n    kind: openai\n    model: m\n", "targets[0].base_url", "is required")]
    [InlineData("targets:\n  - name: c\n    kind: openai\n    model: m\n    base_url: ftp://x\n", "targets[0].base_url", "http(s)")]
    [InlineData("targets:\n  - name: c\n    kind: openai\n    model: m\n    base_url: http://x/v1\n    api_key: sk-123\n", "targets[0].api_key", "api_key_env")]
    [InlineData("targets:\n  - name: c\n    kind: openai\n    model: m\n    base_url: http://x/v1\n    api_key_env: NOPE\n", "targets[0].api_key_env", "NOPE is not set")]
    [InlineData("targets:\n  - name: c\n    kind: gemini\n    model: m\n", "targets[0].kind", "llama, openai, anthropic")]
    [InlineData("targets:\n  - name: l\n    kind: llama\n    model: missing.gguf\n", "targets[0].model", "does not exist")]
    [InlineData("targets:\n  - name: l\n    kind: llama\n    model: small.gguf\n    modle: x\n", "targets[0].modle", "did you mean model")]
    [InlineData("targets:\n  - name: l\n    kind: llama\n    model: small.gguf\nrouting:\n  privacy: shred\n", "routing.privacy", "redact, local, block")]
    [InlineData("targets:\n  - name: l\n    kind: llama\n    model: small.gguf\nrouting:\n  complexity: { fast_below: 0.8, cloud_from: 0.5 }\n", "routing.complexity", "must not exceed")]
    [InlineData("targets:\n  - name: l\n    kind: llama\n    model: small.gguf\nrouting:\n  cloud: [nowhere]\n", "routing.cloud", "no target is named")]
    [InlineData("targets:\n  - name: l\n    kind: llama\n    model: small.gguf\nrouting:\n  ensemble: { targets: [l] }\n", "routing.ensemble.samples", "samples of 2")]
    [InlineData("targets:\n  - name: l\n    kind: llama\n    model: small.gguf\nrouting:\n  ensemble: { targets: [l], samples: 2, measure: jaccard }\n", "routing.ensemble.measure", "auto, vote, similarity")]
    [InlineData("targets:\n  - name: l\n    kind: llama\n    model: small.gguf\n  - name: l\n    kind: llama\n    model: small.gguf\n", "targets", "unique")]
    [InlineData("targets:\n  - name: auto\n    kind: llama\n    model: small.gguf\n", "routing.auto_model", "also a target name")]
    [InlineData("clients:\n  - name: a\n    daily_budget_usd: -1\n", "clients[0].daily_budget_usd", "USD")]
    [InlineData("targets: 5\n", "targets", "list of targets")]
    public void Parse_InvalidConfig_NamesKeyAndProblem(string yaml, string key, string message)
    {
        var error = Assert.Single(Errors(yaml), e => e.Key == key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("locus.yaml", error.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ManyProblems_ReportsAllAtOnce() =>
        Assert.True(Errors("targets:\n  - name: c\n    kind: openai\n  - kind: llama\n    model: nope.gguf\n").Count >= 3);
}
