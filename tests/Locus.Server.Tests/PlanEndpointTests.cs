using System.Net;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests;

/// <summary><c>GET /v1/plan</c> on a real Kestrel server: the planner's JSON, and errors in the API's error shape.</summary>
public sealed class PlanEndpointTests : ModelFreeServer
{
    [Fact]
    public async Task Plan_DeviceAndParams_ReturnsSpeedsAndFit()
    {
        using var doc = JsonDocument.Parse(await Server.Http.GetStringAsync("/v1/plan?device=m2%20max&params_b=8&quant=Q4_K_M&ctx=8192"));
        var root = doc.RootElement;
        Assert.Equal("apple-m2-max", root.GetProperty("device").GetString());
        Assert.InRange(root.GetProperty("decode_tokens_per_s").GetDouble(), 20, 120);
        Assert.True(root.GetProperty("prefill_tokens_per_s").GetDouble() > root.GetProperty("decode_tokens_per_s").GetDouble());
        Assert.True(root.GetProperty("fits").GetBoolean());
        Assert.Equal(128 * 1024 * 8192L, root.GetProperty("kv_bytes").GetInt64());
    }

    [Fact]
    public async Task Plan_MoreBandwidth_FasterDecode()
    {
        async Task<double> Decode(int gbs)
        {
            using var doc = JsonDocument.Parse(await Server.Http.GetStringAsync($"/v1/plan?bandwidth_gbs={gbs}&tflops=10&memory_gib=64&params_b=7&quant=Q4_0"));
            return doc.RootElement.GetProperty("decode_tokens_per_s").GetDouble();
        }

        Assert.True(await Decode(400) > 1.5 * await Decode(100));
    }

    [Theory]
    [InlineData("/v1/plan?device=apple-m9&params_b=7", "unknown device 'apple-m9'")]
    [InlineData("/v1/plan?device=m4&params_b=7&quant=Q9", "unknown quantization 'Q9'")]
    [InlineData("/v1/plan?device=m4&params_b=seven", "params_b must be a number")]
    [InlineData("/v1/plan?device=this&params_b=7", "locus plan command only")]
    [InlineData("/v1/plan?params_b=7", "say which device")]
    public async Task Plan_BadQuery_400WithMessage(string url, string message)
    {
        await AssertBadRequestAsync(url, message);
    }
}
