using System.Net;
using System.Text;
using System.Text.Json;

namespace Locus.Server.Tests.Routing;

/// <summary>
/// The canary: prompts carrying planted secrets and personal data of every detector kind go through Locus to the
/// cloud stand-in, which records every byte it receives. Nothing planted may arrive, byte for byte or JSON-decoded;
/// with redact-and-restore the client still sees the original values in the answer.
/// </summary>
[Collection(HybridCollection.Name)]
public sealed class PrivacyCanaryTests(HybridFixture fx)
{
    // Prefixed so that every canary prompt also scores as cloud work on its own: the test is that data stays home
    // even when the request itself goes out.
    private const string Task = "Refactor and analyze this; design a fix, explain the trade-off step by step.\n";

    [ModelFact]
    public async Task Canary_50PromptsWithRedaction_NothingPlantedReachesCloud_ClientSeesOriginals()
    {
        fx.Cloud.Behavior = new UpstreamBehavior { RequiredApiKey = HybridFixture.CloudKey };
        var prompts = PlantedSecrets.Prompts(50);
        Assert.Equal(PlantedSecrets.All().Select(s => s.Detector).ToHashSet(), prompts.SelectMany(p => p.Values).Select(v => v.Detector).ToHashSet());
        var before = fx.Cloud.Requests.Count;

        foreach (var prompt in prompts)
        {
            using var response = await fx.ChatAsync(Task + prompt.Text, model: "cloud", maxTokens: 4000);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(int.Parse(HybridFixture.Header(response, "x-locus-redacted"), System.Globalization.CultureInfo.InvariantCulture) >= prompt.Values.Select(v => v.Value).Distinct().Count());
            var answer = await HybridFixture.TextAsync(response);
            foreach (var planted in prompt.Values)
            {
                Assert.Contains(planted.Value, answer, StringComparison.Ordinal);
            }
        }

        var received = fx.Cloud.Requests.Skip(before).ToList();
        Assert.Equal(50, received.Count);
        var values = prompts.SelectMany(p => p.Values).ToList();
        foreach (var request in received)
        {
            AssertCarriesNone(request, values);
        }
    }

    [ModelFact]
    public async Task Canary_ClientWithLocalPolicy_NoRequestReachesCloud()
    {
        var before = fx.Cloud.Requests.Count;
        foreach (var prompt in PlantedSecrets.Prompts(10, seed: 7))
        {
            using var response = await fx.ChatAsync(Task + prompt.Text[..Math.Min(prompt.Text.Length, 600)], maxTokens: 8,
                headers: new Dictionary<string, string> { ["Authorization"] = HybridFixture.VaultKey });
            var body = await response.Content.ReadAsStringAsync();
            // Served locally, or refused when it cannot fit the local context: never sent out.
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, body);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.NotEqual("3", HybridFixture.Header(response, "x-locus-tier"));
            }
        }

        Assert.Equal(before, fx.Cloud.Requests.Count);
    }

    [ModelFact]
    public async Task Canary_LocalOnlyHeader_PinnedCloudRefused()
    {
        var before = fx.Cloud.Requests.Count;
        using var response = await fx.ChatAsync("my email is a@b.example", model: "cloud",
            headers: new Dictionary<string, string> { ["x-locus-privacy"] = "local-only" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("privacy_local_only", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, fx.Cloud.Requests.Count);
    }

    private static void AssertCarriesNone(RecordedRequest request, IEnumerable<PlantedSecret> values)
    {
        var all = request.DecodedStrings;
        foreach (var planted in values)
        {
            Assert.True(request.BodyText.IndexOf(planted.Value, StringComparison.Ordinal) < 0, $"{planted.Detector} reached the cloud verbatim");
            Assert.True(all.IndexOf(planted.Value, StringComparison.Ordinal) < 0, $"{planted.Detector} reached the cloud (JSON-escaped)");
        }
    }
}
