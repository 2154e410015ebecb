using Locus.Core.Configuration;
using Locus.Routing.Options;

namespace Locus.Routing.Tests;

/// <summary>What each target says it can do (<c>tools</c>, <c>json_schema</c>): defaults per kind, per-target opt-outs, errors.</summary>
public sealed class CapabilityConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("locus-capcfg-").FullName;

    public CapabilityConfigTests() => File.WriteAllText(Path.Combine(_dir, "small.gguf"), "x");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RouterConfig Parse(string yaml) =>
        ConfigText.Bind(RouterConfig.Section, yaml, Path.Combine(_dir, "locus.yaml"), name => name == "KEY" ? "k" : null);

    private static string Targets(string localExtra = "", string cloudExtra = "") => $"""
        targets:
          - name: local
            kind: llama
            model: small.gguf
        {localExtra}
          - name: cloud
            kind: openai
            base_url: https://example.invalid/v1
            model: frontier
        {cloudExtra}
          - name: claude
            kind: anthropic
            base_url: https://example.invalid/v1
            model: claude
          - name: studio
            kind: peer
            base_url: http://192.168.1.10:8080/v1
        """;

    [Fact]
    public void Parse_NoCapabilityKeys_EveryKindCallsToolsAndWritesJson()
    {
        var config = Parse(Targets());

        Assert.All(config.Targets, t => Assert.True(t.SupportsTools && t.SupportsJsonSchema, t.Name));
    }

    [Fact]
    public void Parse_LocalJsonSchemaFalse_OnlyThatCapabilityOff()
    {
        var config = Parse(Targets(localExtra: "    json_schema: false"));

        var local = config.FindTarget("local")!;
        Assert.Equal((true, false), (local.SupportsTools, local.SupportsJsonSchema));
        Assert.True(config.FindTarget("cloud")!.SupportsJsonSchema);
    }

    [Fact]
    public void Parse_ToolsFalseOnLocalAndCloud_BothOff()
    {
        var config = Parse(Targets(localExtra: "    tools: false", cloudExtra: "    tools: no"));

        Assert.False(config.FindTarget("local")!.SupportsTools);
        Assert.False(config.FindTarget("cloud")!.SupportsTools);
        Assert.True(config.FindTarget("claude")!.SupportsTools);
    }

    [Theory]
    [InlineData("json_schema: sometimes", "targets[0].json_schema")]
    [InlineData("tools: maybe", "targets[0].tools")]
    public void Parse_CapabilityNotABoolean_ErrorNamesTheKey(string line, string key)
    {
        var errors = Assert.Throws<ConfigurationException>(() => Parse(Targets(localExtra: "    " + line))).Errors;

        var error = Assert.Single(errors);
        Assert.Equal(key, error.Key);
        Assert.Contains("expected true or false", error.Message, StringComparison.Ordinal);
    }
}
