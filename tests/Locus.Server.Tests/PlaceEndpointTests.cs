using System.Net;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests;

/// <summary><c>GET /v1/place</c> on a real Kestrel server: the advisor's JSON, and errors in the API's error shape.</summary>
public sealed class PlaceEndpointTests : ModelFreeServer
{
    [Fact]
    public async Task Place_LatencyBudget_LocalAndCloudWithoutIt()
    {
        async Task<JsonElement> Place(string query)
        {
            using var doc = JsonDocument.Parse(await Server.Http.GetStringAsync("/v1/place?device=rtx-4090&params_b=8&monthly_tokens=1000000" + query));
            return doc.RootElement.Clone();
        }

        var tight = await Place("&latency_ms=50");
        var relaxed = await Place("&latency_ms=1000");

        Assert.Equal("local", tight.GetProperty("placement").GetString());
        Assert.Equal("cloud", relaxed.GetProperty("placement").GetString());
        Assert.True(tight.GetProperty("local").GetProperty("decode_tokens_per_s").GetDouble() > 0);
        Assert.True(relaxed.GetProperty("economics").GetProperty("break_even_monthly_tokens").GetDouble() > 1_000_000);
    }

    [Theory]
    [InlineData("/v1/place?device=rtx-4090&params_b=8&private=maybe", "private must be true or false")]
    [InlineData("/v1/place?device=rtx-4090&params_b=8&duty=0", "duty must be above 0")]
    [InlineData("/v1/place?device=rtx-4090&params_b=8&monthly_tokens=lots", "monthly_tokens must be a number")]
    [InlineData("/v1/place?device=this&params_b=8", "locus place command only")]
    [InlineData("/v1/place?params_b=8", "say which device")]
    public async Task Place_BadQuery_400WithMessage(string url, string message)
    {
        await AssertBadRequestAsync(url, message);
    }
}
