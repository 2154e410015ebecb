using System.Net;
using System.Text.Json;
using Locus.Ledger;
using Locus.Ledger.Sqlite;

namespace Locus.Server.Tests.Routing;

/// <summary>Budgets enforced from the ledger mid-run, usage reports that add up, and routing reloaded without a restart.</summary>
[Collection(HybridCollection.Name)]
public sealed class BudgetAndUsageTests(HybridFixture fx)
{
    [ModelFact]
    public async Task Budget_SpendCrossesDailyBudget_LaterRequestsServedLocally()
    {
        fx.Cloud.Behavior = new UpstreamBehavior { RequiredApiKey = HybridFixture.CloudKey };
        var team = new Dictionary<string, string> { ["Authorization"] = HybridFixture.TeamKey };
        var tiers = new List<string>();
        // Each echo answer costs ~ (30 in × $3 + 25 out × $15) / 1M ≈ $0.0005: the $0.002 budget lasts a few requests.
        for (var i = 0; i < 12; i++)
        {
            using var response = await fx.ChatAsync(HybridRoutingTests.Hard, headers: team);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            tiers.Add(HybridFixture.Header(response, "x-locus-tier"));
            if (tiers[^1] != "3")
            {
                Assert.Contains("budget: client 'team' has spent", HybridFixture.Header(response, "x-locus-reason"), StringComparison.Ordinal);
            }
        }

        var crossed = tiers.FindIndex(t => t != "3");
        Assert.True(crossed > 0, string.Join(",", tiers));
        Assert.All(tiers.Skip(crossed), t => Assert.NotEqual("3", t));

        using var usage = JsonDocument.Parse(await fx.Http.GetStringAsync("/v1/usage?client=team&period=all"));
        await using var ledger = UsageLedger.OpenReadOnly(fx.LedgerFile);
        var rows = (await ledger.RecentAsync(10_000)).Where(r => r.Client == "team").ToList();
        Assert.Equal(12, rows.Count);
        Assert.Equal(rows.Sum(r => r.CostUsd), usage.RootElement.GetProperty("cost_usd").GetDecimal());
        Assert.True(usage.RootElement.GetProperty("cost_usd").GetDecimal() >= 0.002m);
        Assert.Equal(crossed, rows.Count(r => r.Tier == 3));
        Assert.True(usage.RootElement.GetProperty("savings_usd").GetDecimal() > 0, "local answers are savings against the all-cloud reference");
    }

    [ModelFact]
    public async Task Usage_TeamKeySeesOnlyItsOwnUsage()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/usage?period=all&client=default");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", HybridFixture.TeamKey);
        using var response = await fx.Http.SendAsync(request);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.All(doc.RootElement.GetProperty("clients").EnumerateArray(), c => Assert.Equal("team", c.GetProperty("key").GetString()));
    }

    [ModelFact]
    public async Task Usage_BadPeriod_IsOpenAIStyle400()
    {
        using var response = await fx.Http.GetAsync("/v1/usage?period=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_period", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [ModelFact]
    public async Task Reload_ConfigEdited_NewThresholdsApplyWithoutRestart_InvalidEditIgnored()
    {
        try
        {
            File.WriteAllText(fx.ConfigFile, fx.Config("  complexity: { fast_below: 0, cloud_from: 0 }"));
            Assert.True(await EventuallyAsync(async () => await TierAsync() == "3"), "everything goes to the cloud after the edit");

            File.WriteAllText(fx.ConfigFile, fx.Config("  privacy: shred"));
            await Task.Delay(800);
            Assert.Equal("3", await TierAsync());
        }
        finally
        {
            File.WriteAllText(fx.ConfigFile, fx.Config());
            Assert.True(await EventuallyAsync(async () => await TierAsync() == "1"), "the original config applies again");
        }
    }

    private async Task<string> TierAsync()
    {
        using var response = await fx.ChatAsync(HybridRoutingTests.Simple, maxTokens: 4);
        return HybridFixture.Header(response, "x-locus-tier");
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> check)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await check())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
