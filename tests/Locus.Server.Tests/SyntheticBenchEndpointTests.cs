using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests;

/// <summary><c>POST /v1/bench/synthetic</c>: a random-weight model measured by the real llama.cpp inside a real server.</summary>
public sealed class SyntheticBenchEndpointTests : ModelFreeServer
{
    private Task<HttpResponseMessage> PostAsync(object body) => Server.Http.PostAsJsonAsync("/v1/bench/synthetic", body);

    [ModelFact]
    public async Task Bench_TinyQwenShape_MeasuresAndPredicts()
    {
        using var response = await PostAsync(new { spec = "qwen2:0.15b:q4_0", prompt_tokens = 16, gen_tokens = 4, reps = 2, threads = 2 });
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("qwen2:0.15b:q4_0", "Q4_0"), (root.GetProperty("spec").GetString(), root.GetProperty("quant").GetString()));
        Assert.True(root.GetProperty("decode_tokens_per_s").GetDouble() > 0);
        Assert.True(root.GetProperty("prefill_tokens_per_s").GetDouble() > 0);
        Assert.True(root.GetProperty("predicted_decode_tokens_per_s").GetDouble() > 0);
        Assert.Equal(2, root.GetProperty("decode_runs").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("model_file").ValueKind); // the model file was deleted
    }

    [Theory]
    [InlineData("{}", "spec is required")]
    [InlineData("{\"spec\": \"llama:1b:q4_k_m\"}", "cannot be written")]
    [InlineData("{\"spec\": \"llama:8b:f16\"}", "use locus bench --synthetic for larger")]
    [InlineData("{\"spec\": \"llama:1b:q4_0\", \"reps\": 0}", "reps must be a whole number from 1 to 20")]
    public async Task Bench_BadBody_400NamesTheProblem(string body, string message)
    {
        using var response = await Server.Http.PostAsync("/v1/bench/synthetic", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, OpenAIError.AssertShape(text).GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
