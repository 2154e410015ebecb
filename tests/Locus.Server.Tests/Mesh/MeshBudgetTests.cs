using System.Net;
using System.Net.Http.Json;

namespace Locus.Server.Tests.Mesh;

/// <summary>Budgets hold across devices: cloud spend on one node, synced, counts against the same client's budget on another.</summary>
public sealed class MeshBudgetTests : IAsyncLifetime
{
    private UpstreamServer _cloud = null!;

    public async Task InitializeAsync() => _cloud = await UpstreamServer.StartAsync();

    public async Task DisposeAsync() => await _cloud.DisposeAsync();

    [Fact]
    public async Task Chat_BudgetSpentOnPeer_RefusedHereAfterSync()
    {
        await using var laptop = await MeshServer.StartAsync("laptop", targets: Config());
        await using var server = await MeshServer.StartAsync("server", targets: Config());
        await laptop.PairWithAsync(server);

        using var spent = await ChatAsync(laptop, "team");
        Assert.Equal(HttpStatusCode.OK, spent.StatusCode);
        await laptop.PostAsync("/v1/mesh/sync", null);
        // The server never served "team": only the synced counter can put it over budget there.
        using var afterSync = await ChatAsync(server, "team");
        using var otherClient = await ChatAsync(server, "other2");

        Assert.Equal(HttpStatusCode.Forbidden, afterSync.StatusCode);
        Assert.Contains("budget", await afterSync.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }

    private string Config() => $"""
        targets:
          - name: cloud
            kind: openai
            base_url: {_cloud.BaseUrl}
            model: frontier
            price: {"{"} input: 3, output: 15 {"}"}
            max_retries: 0
        routing:
          cloud: [cloud]
          over_budget: refuse
        clients:
          - name: team
            daily_budget_usd: 0.00001
          - name: other2
            daily_budget_usd: 0.00001
        """;

    private static Task<HttpResponseMessage> ChatAsync(MeshServer node, string client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = "auto", messages = new[] { new { role = "user", content = "Summarize the plan." } }, max_tokens = 16 }),
        };
        request.Headers.Add("x-locus-client", client);
        return node.Api.SendAsync(request);
    }
}
