using Locus.Core.Configuration;
using Locus.Hardware.Devices;

namespace Locus.Hardware.Tests;

public sealed class DeviceConfigTests
{
    private static IReadOnlyList<DeviceProfile> Parse(string yaml, string file) => ConfigText.Bind(DeviceSettings.Section, yaml, file).Profiles;

    [Fact]
    public void Parse_FullProfile_ReadsEveryValueSourcedToTheFile()
    {
        var profiles = Parse("""
            server:
              port: 8080
            devices:
              - id: my-3090
                name: My RTX 3090
                memory_kind: discrete
                form_factor: desktop
                memory_gib: 24
                bandwidth_gbs: 936
                tflops: 71
                host_memory_gib: 128
                host_bandwidth_gbs: 90
            """, "locus.yaml");
        var p = Assert.Single(profiles);
        Assert.Equal(("my-3090", "My RTX 3090", MemoryKind.Discrete), (p.Id, p.Name, p.MemoryKind));
        Assert.Equal(936, p.BandwidthGbs.Value);
        Assert.Equal(90, p.HostBandwidthGbs!.Value);
        Assert.Contains("locus.yaml, line 9", p.BandwidthGbs.Source, StringComparison.Ordinal);
        Assert.True(p.SustainedWatts.IsAssumption);
    }

    [Fact]
    public void Parse_NoDevicesSection_GivesNone() => Assert.Empty(Parse("server:\n  port: 1\n", "f.yaml"));

    [Theory]
    [InlineData("  - id: x\n    bandwidth_gbs: 100\n    tflops: 1\n", "devices[0].memory_gib", "is required")]
    [InlineData("  - id: x\n    memory_gib: 8\n    bandwidth_gbs: fast\n    tflops: 1\n", "devices[0].bandwidth_gbs", "expected a number")]
    [InlineData("  - id: x\n    memory_gib: 8\n    bandwidth_gbs: 100\n    tflops: 1\n    bandwith_gbs: 1\n", "devices[0].bandwith_gbs", "did you mean bandwidth_gbs?")]
    [InlineData("  - id: x\n    memory_gib: 8\n    bandwidth_gbs: 100\n    tflops: 1\n    memory_kind: hbm\n", "devices[0].memory_kind", "expected one of unified, discrete")]
    [InlineData("  - memory_gib: 8\n    bandwidth_gbs: 100\n    tflops: 1\n", "devices[0].id", "is required")]
    [InlineData("  - just-a-name\n", "devices[0]", "expected a mapping")]
    public void Parse_BadEntry_ErrorNamesTheKey(string entries, string key, string message)
    {
        var e = Assert.Throws<ConfigurationException>(() => Parse("devices:\n" + entries, "conf.yaml"));
        var error = Assert.Single(e.Errors, x => x.Key == key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("conf.yaml, line", error.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateIds_Rejected()
    {
        const string entry = "  - id: box\n    memory_gib: 8\n    bandwidth_gbs: 100\n    tflops: 1\n";
        var e = Assert.Throws<ConfigurationException>(() => Parse("devices:\n" + entry + entry, "c.yaml"));
        Assert.Contains(e.Errors, x => x.Message.Contains("more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DevicesNotAList_Rejected()
    {
        var e = Assert.Throws<ConfigurationException>(() => Parse("devices:\n  id: x\n", "c.yaml"));
        Assert.Equal("devices", Assert.Single(e.Errors).Key);
    }
}
