using System.Text.Json;
using Locus.Web.Tests.Infrastructure;

namespace Locus.Web.Tests;

/// <summary>The planner page when the server says no: a model too big for one envelope, and a server that needs a key.</summary>
public sealed class PlannerPageErrorTests(PlannerBrowser browser) : IClassFixture<PlannerBrowser>
{
    [BrowserFact]
    public async Task Planner_ModelTooBigForOneEnvelope_ThatCardShowsWhyTheOthersDraw()
    {
        await using var tab = await browser.OpenAsync();

        await tab.ChangeAsync("Model size", "70");

        using var listing = JsonDocument.Parse(await browser.Server.Http.GetStringAsync("/v1/thermal/envelopes"));
        var refused = new List<string>();
        foreach (var envelope in listing.RootElement.GetProperty("envelopes").EnumerateArray().Select(e => e.GetProperty("id").GetString()!))
        {
            using var response = await browser.Server.Http.GetAsync($"/v1/thermal?envelope={envelope}&params_b=70&quant=Q4_K_M&target_tps=20&minutes=30&ambient_c=25");
            if (response.IsSuccessStatusCode)
            {
                Assert.Equal(1, await tab.JunctionPath(envelope).CountAsync());
                Assert.False(await tab.Error(envelope).IsVisibleAsync());
                continue;
            }

            refused.Add(envelope);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(body.RootElement.GetProperty("error").GetProperty("message").GetString(), await tab.Error(envelope).TextContentAsync());
            Assert.Equal(0, await tab.JunctionPath(envelope).CountAsync());
        }

        // 70B at 4 bits (about 45 GB) cannot fit the fanless laptop's 24 GB, and does fit the 80 GB datacenter GPU.
        Assert.Contains("fanless-laptop", refused);
        Assert.DoesNotContain("datacenter-gpu", refused);
    }

    [BrowserFact]
    public async Task Planner_ServerNeedsAKey_AsksForItAndDrawsOnceGiven()
    {
        await using var server = await LocusUnderTest.StartAsync(["sk-planner-page"]);
        await using var tab = await browser.OpenAsync(server);

        var keyBox = tab.Page.GetByLabel("API key", new() { Exact = true });
        Assert.True(await keyBox.IsVisibleAsync());
        Assert.Contains("API key", await tab.Status.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await tab.Page.Locator("article.card").CountAsync());

        await tab.ChangeAsync("API key", "sk-planner-page");

        Assert.Equal(4, await tab.Page.Locator("article.card svg path.junction").CountAsync());
    }
}
