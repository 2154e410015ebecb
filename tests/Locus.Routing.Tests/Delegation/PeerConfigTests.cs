using Locus.Core.Configuration;
using Locus.Routing.Options;

namespace Locus.Routing.Tests.Delegation;

/// <summary>Reading <c>kind: peer</c> targets and <c>routing.peers</c>, and the errors for misuse.</summary>
public sealed class PeerConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("locus-peercfg-").FullName;

    public PeerConfigTests() => File.WriteAllText(Path.Combine(_dir, "small.gguf"), "x");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RouterConfig Parse(string yaml) =>
        ConfigText.Bind(RouterConfig.Section, yaml, Path.Combine(_dir, "locus.yaml"), name => name == "STUDIO_KEY" ? "k-1" : null);

    private string Errors(string yaml) =>
        string.Join("\n", Assert.Throws<ConfigurationException>(() => Parse(yaml)).Errors.Select(e => $"{e.Key}: {e.Message}"));

    private static string Config(string peer, string routing) => $"""
        targets:
          - name: local
            kind: llama
            model: small.gguf
          - name: cloud
            kind: openai
            base_url: https://example.invalid/v1
            model: frontier
        {peer}
        routing:
          {routing}
        """;

    private const string Studio = """
          - name: studio
            kind: peer
            base_url: http://192.168.1.10:8080/v1
        """;

    [Fact]
    public void Parse_PeerWithOnlyBaseUrl_DefaultsToAutoOnDeviceOneRetry()
    {
        var config = Parse(Config(Studio, "peers: [studio]"));

        var peer = config.FindTarget("studio")!;
        Assert.Equal((TargetKind.Peer, "auto", true, true, true, 1), (peer.Kind, peer.Model, peer.OnDevice, peer.SupportsTools, peer.SupportsJsonSchema, peer.MaxRetries));
        Assert.Equal(new Uri("http://192.168.1.10:8080/v1"), peer.BaseUrl);
        Assert.Equal(["studio"], config.Routing.Peers);
        Assert.Equal(["cloud"], config.Routing.CloudTargets); // a peer is not a cloud target by default
    }

    [Fact]
    public void Parse_PeerWithModelKeyAndContext_ReadsThem()
    {
        var config = Parse(Config(Studio + "\n    model: qwen-32b\n    api_key_env: STUDIO_KEY\n    context_length: 32768", "peers: [studio]"));

        var peer = config.FindTarget("studio")!;
        Assert.Equal(("qwen-32b", "STUDIO_KEY", 32768), (peer.Model, peer.ApiKeyEnv, peer.ContextLength));
    }

    [Fact]
    public void Parse_NoRoutingPeers_DelegationOff()
    {
        Assert.Empty(Parse(Config(Studio, "privacy: local")).Routing.Peers);
    }

    [Fact]
    public void Parse_PeerWithoutBaseUrl_FailsNamingTheKey()
    {
        var errors = Errors(Config("  - { name: studio, kind: peer }", "peers: [studio]"));

        Assert.Contains("targets[2].base_url: is required for a peer", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("peers: [cloud]", "routing.peers: \"cloud\" is not a peer (kind: openai); routing.peers lists targets of kind peer")]
    [InlineData("peers: [attic]", "routing.peers: no target is named \"attic\" (peers: studio)")]
    [InlineData("peers: [studio, studio]", "routing.peers: \"studio\" is listed twice")]
    [InlineData("cloud: [studio]", "routing.cloud: \"studio\" is a peer; list it under routing.peers")]
    [InlineData("fast: studio", "routing.fast: the fast path must run on this device, but target \"studio\" is a peer")]
    public void Parse_PeersMisused_FailsWithClearError(string routing, string expected)
    {
        Assert.Contains(expected, Errors(Config(Studio, routing)), StringComparison.Ordinal);
    }
}
