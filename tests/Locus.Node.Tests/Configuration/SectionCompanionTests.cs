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
        var file = _folder.Write(ConfigSamples.Full);
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
