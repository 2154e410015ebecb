using Locus.Hardware.Devices;

namespace Locus.Hardware.Tests;

public sealed class DeviceCatalogTests
{
    private static readonly DeviceCatalog Catalog = DeviceCatalog.BuiltIn;

    [Fact]
    public void BuiltIn_EveryValue_HasASourceOrAnAssumptionReason()
    {
        foreach (var profile in Catalog.Profiles)
        {
            foreach (var (name, value) in profile.Values())
            {
                Assert.False(string.IsNullOrWhiteSpace(value.Source), $"{profile.Id}.{name} has no source or reason");
                Assert.True(value.Source.Length >= 10, $"{profile.Id}.{name}: '{value.Source}' is too short to be a source or a reason");
                Assert.True(value.Value > 0, $"{profile.Id}.{name} must be positive");
            }
        }
    }

    [Fact]
    public void BuiltIn_CoversTheIssuesFamilies()
    {
        string[] required =
        [
            "apple-m1", "apple-m2", "apple-m3", "apple-m4", "apple-m2-pro", "apple-m4-max", "apple-m2-ultra", "rtx-3090", "rtx-4090",
            "rtx-5090", "h100-sxm", "h200", "b200", "strix-halo", "snapdragon-x-elite", "raspberry-pi-5", "jetson-orin-nano-super", "jetson-agx-orin",
        ];
        var ids = Catalog.Profiles.Select(p => p.Id).ToHashSet();
        Assert.All(required, id => Assert.Contains(id, ids));
        Assert.Equal(ids.Count, Catalog.Profiles.Count);
    }

    [Fact]
    public void BuiltIn_DiscreteGpus_HaveHostMemoryAndUnifiedDevicesDoNot()
    {
        foreach (var p in Catalog.Profiles)
        {
            Assert.Equal(p.MemoryKind == MemoryKind.Discrete, p.HostMemoryGib is not null);
            Assert.Equal(p.MemoryKind == MemoryKind.Discrete, p.HostBandwidthGbs is not null);
        }
    }

    [Fact]
    public void BuiltIn_ValuesTakenFromHardwareFacts_AreNotMarkedAsAssumptions()
    {
        // hardware-facts.md gives these directly; marking them assumed would hide a source we have.
        Assert.False(Find("apple-m2-max").BandwidthGbs.IsAssumption);
        Assert.Equal(400, Find("apple-m2-max").BandwidthGbs.Value);
        Assert.Equal(3350, Find("h100-sxm").BandwidthGbs.Value);
        Assert.False(Find("h100-sxm").Tflops.IsAssumption);
        Assert.True(Find("jetson-agx-orin").BandwidthGbs.IsAssumption); // "not verified" in hardware-facts.md
    }

    [Theory]
    [InlineData("Apple M2 Max", "apple-m2-max")]
    [InlineData("m2 max", "apple-m2-max")]
    [InlineData("M2", "apple-m2")]
    [InlineData("4090", "rtx-4090")]
    [InlineData("h100", "h100-sxm")]
    [InlineData("RASPBERRY-PI-5", "raspberry-pi-5")]
    public void Find_LooseSpellings_FindTheProfile(string name, string id) => Assert.Equal(id, Find(name).Id);

    [Fact]
    public void Find_UnknownName_SuggestsClosestIds()
    {
        Assert.Null(Catalog.Find("apple-m5-max", out var suggestions));
        Assert.Contains("apple-m4-max", suggestions);
        Assert.InRange(suggestions.Count, 1, 3);
    }

    [Fact]
    public void Find_AmbiguousPart_ListsEveryMatch()
    {
        Assert.Null(Catalog.Find("ultra", out var suggestions));
        Assert.Contains("apple-m2-ultra", suggestions);
        Assert.Contains("apple-m3-ultra", suggestions);
    }

    [Fact]
    public void With_UserProfileOfSameId_ReplacesBuiltIn()
    {
        var mine = Find("rtx-4090") with { HostBandwidthGbs = Sourced.Given(120, "test") };
        var catalog = Catalog.With([mine]);
        Assert.Equal(Catalog.Profiles.Count, catalog.Profiles.Count);
        Assert.Equal(120, catalog.Find("rtx-4090", out _)!.HostBandwidthGbs!.Value);
    }

    private static DeviceProfile Find(string name) => Catalog.Find(name, out var s) ?? throw new Xunit.Sdk.XunitException($"{name} not found; close: {string.Join(", ", s)}");
}
