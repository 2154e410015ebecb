using System.Net;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests;

/// <summary><c>GET /v1/thermal</c> and <c>/v1/thermal/envelopes</c> on a real Kestrel server: the contract's shape, and 400s.</summary>
public sealed class ThermalEndpointTests : ModelFreeServer
{
    [Fact]
    public async Task Thermal_FanlessDemandingTarget_ThrottlesWithContractShape()
    {
        using var doc = JsonDocument.Parse(await Server.Http.GetStringAsync(
            "/v1/thermal?envelope=fanless-laptop&params_b=8&quant=Q4_K_M&target_tps=20&minutes=30&points=120"));
        var root = doc.RootElement;
        Assert.Equal("fanless-laptop", root.GetProperty("envelope").GetString());
        Assert.Equal("apple-m2", root.GetProperty("device").GetProperty("id").GetString());
        Assert.Equal("Q4_K_M", root.GetProperty("model").GetProperty("quant").GetString());
        Assert.True(root.GetProperty("model").GetProperty("weight_bytes").GetInt64() > 4_000_000_000);
        Assert.Equal(20, root.GetProperty("target_tokens_per_s").GetDouble());
        Assert.Equal("thermal", root.GetProperty("binding_limit").GetString());
        var limit = root.GetProperty("junction_limit_c").GetDouble();
        Assert.True(root.GetProperty("peak_junction_c").GetDouble() <= limit + 0.01);
        Assert.True(root.GetProperty("sustained_tokens_per_s").GetDouble() < root.GetProperty("max_tokens_per_s").GetDouble());
        var throttleAt = root.GetProperty("time_to_throttle_s").GetDouble();
        var samples = root.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(120, samples.Count);
        Assert.Equal(0, samples[0].GetProperty("t_s").GetDouble());
        Assert.Equal(25, samples[0].GetProperty("junction_c").GetDouble());
        foreach (var s in samples)
        {
            Assert.Equal(s.GetProperty("t_s").GetDouble() >= throttleAt, s.GetProperty("throttled").GetBoolean());
            foreach (var key in new[] { "heatsink_c", "power_w", "tokens_per_s", "joules_per_token" })
            {
                Assert.True(s.GetProperty(key).GetDouble() > 0, key);
            }
        }
    }

    [Fact]
    public async Task Thermal_LowTargetOnDatacenter_TargetBindsAndNeverThrottles()
    {
        using var doc = JsonDocument.Parse(await Server.Http.GetStringAsync("/v1/thermal?envelope=datacenter-gpu&params_b=8&target_tps=20&minutes=5"));
        var root = doc.RootElement;
        Assert.Equal("h100-sxm", root.GetProperty("device").GetProperty("id").GetString());
        Assert.Equal("target", root.GetProperty("binding_limit").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("time_to_throttle_s").ValueKind);
        Assert.Equal(20, root.GetProperty("sustained_tokens_per_s").GetDouble(), 2);
        Assert.All(root.GetProperty("samples").EnumerateArray(), s => Assert.False(s.GetProperty("throttled").GetBoolean()));
    }

    [Fact]
    public async Task Thermal_DeviceOverride_UsesThatSilicon()
    {
        using var doc = JsonDocument.Parse(await Server.Http.GetStringAsync("/v1/thermal?envelope=cooled-laptop&device=apple-m2&params_b=8&target_tps=50&minutes=10"));
        Assert.Equal("apple-m2", doc.RootElement.GetProperty("device").GetProperty("id").GetString());
        Assert.Equal("cooled-laptop", doc.RootElement.GetProperty("envelope").GetString());
    }

    [Fact]
    public async Task Envelopes_ListsTheFourPresetsWithTheirDevices()
    {
        using var doc = JsonDocument.Parse(await Server.Http.GetStringAsync("/v1/thermal/envelopes"));
        var envelopes = doc.RootElement.GetProperty("envelopes").EnumerateArray().ToList();
        Assert.Equal(["fanless-laptop", "cooled-laptop", "desktop-gpu", "datacenter-gpu"], envelopes.Select(e => e.GetProperty("id").GetString()));
        Assert.All(envelopes, e =>
        {
            Assert.False(string.IsNullOrEmpty(e.GetProperty("name").GetString()));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("device_name").GetString()));
            Assert.True(e.GetProperty("junction_limit_c").GetDouble() > 50);
        });
    }

    [Theory]
    [InlineData("/v1/thermal?envelope=oven&params_b=8", "unknown envelope 'oven'", "envelope")]
    [InlineData("/v1/thermal?params_b=8", "say which envelope", "envelope")]
    [InlineData("/v1/thermal?envelope=fanless-laptop&params_b=8&target_tps=-3", "target_tps must be a positive", "target_tps")]
    [InlineData("/v1/thermal?envelope=fanless-laptop&params_b=8&target_tps=fast", "target_tps must be a number", "target_tps")]
    [InlineData("/v1/thermal?envelope=fanless-laptop&params_b=8&duty=1.5", "duty is the share", "duty")]
    [InlineData("/v1/thermal?envelope=fanless-laptop&params_b=8&ambient_c=200", "ambient_c must be between", "ambient_c")]
    [InlineData("/v1/thermal?envelope=fanless-laptop&params_b=8&points=1", "points must be a whole number", "points")]
    [InlineData("/v1/thermal?envelope=fanless-laptop&params_b=8&minutes=100000", "at most 1,000,000", "minutes")]
    [InlineData("/v1/thermal?envelope=fanless-laptop&params_b=8&device=apple-m9", "unknown device 'apple-m9'", "device")]
    [InlineData("/v1/thermal?envelope=fanless-laptop&params_b=8&quant=Q9", "unknown quantization 'Q9'", "params_b")]
    [InlineData("/v1/thermal?envelope=fanless-laptop&params_b=400", "does not fit", "params_b")]
    [InlineData("/v1/thermal?envelope=fanless-laptop", "say which model", "params_b")]
    public async Task Thermal_BadQuery_400WithMessageAndParam(string url, string message, string param)
    {
        var error = await AssertBadRequestAsync(url, message);
        Assert.Equal(param, error.GetProperty("param").GetString());
    }
}
