using Locus.Core.Configuration;
using Locus.Hardware.Devices;
using Locus.Node.Configuration;

namespace Locus.Node.Tests.Configuration;

/// <summary>
/// The flat sections load from a file that also holds the other sections: those are registered top-level keys, not
/// unknown ones. (Moved here from the routing and hardware tests: the node's schema is what registers them.)
/// </summary>
public sealed class SectionCompanionTests : IDisposable
{
    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private const string Full = """
        server:
          port: 1234
        targets:
          - name: local
            kind: llama
            model: small.gguf
          - name: cloud
            kind: openai
            base_url: https://example.invalid/v1
            model: frontier-model
            api_key_env: CLOUD_API_KEY
            price: { input: 3, output: 15, cached_input: 0.3 }
            timeout_ms: 20000
          - name: claude
            kind: anthropic
            base_url: https://example.invalid/anthropic/v1
            model: claude-x
        routing:
          ensemble: { targets: [local], samples: 3, agreement: 0.5, measure: vote }
          complexity: { fast_below: 0.3, cloud_from: 0.7 }
          privacy: local
          latency_budget_ms: 400
          over_budget: refuse
        clients:
          - name: alice
            api_key_env: ALICE_KEY
            daily_budget_usd: 1.50
            allow_cloud: false
        ledger:
          path: usage.db
          store_prompts: true
        """;

    private const string CloudTarget = """
        targets:
          - name: cloud
            kind: openai
            base_url: https://example.invalid/v1
            model: frontier-model

        """;

    [Fact]
    public void Load_CoreConfigWithRoutingSections_AcceptsThem()
    {
        var file = _folder.Write(Full);
        var options = NodeConfig.Load(_folder.Sources(file), LocusOptions.Section);
        Assert.Equal(1234, options.Server.Port);
    }

    [Fact]
    public void Load_CoreConfigWithMemorySection_AcceptsIt()
    {
        var file = _folder.Write("server:\n  port: 4321\n" + CloudTarget + "memory:\n  inject: always\n");
        var options = NodeConfig.Load(_folder.Sources(file), LocusOptions.Section);
        Assert.Equal(4321, options.Server.Port);
    }

    [Fact]
    public void CoreConfig_DevicesSection_IsNotAnUnknownKey()
    {
        var file = _folder.Write("devices:\n  - id: box\n    memory_gib: 8\n    bandwidth_gbs: 100\n    tflops: 1\n");
        var options = NodeConfig.Load(_folder.Sources(file), LocusOptions.Section);
        Assert.NotNull(options);
        Assert.Single(NodeConfig.Load(_folder.Sources(file), DeviceSettings.Section).Profiles);
    }
}
