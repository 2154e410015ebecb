using System.Net;
using System.Text.Json;
using Locus.Server.Tests.Infrastructure;
using OpenAI.Chat;

namespace Locus.Server.Tests.EndToEnd;

/// <summary>
/// A second turn that repeats the first turn's long system prompt reuses its KV cells, and both APIs say so in their
/// own usage fields: OpenAI's <c>prompt_tokens_details.cached_tokens</c>, Anthropic's <c>cache_read_input_tokens</c>.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class PromptCacheEndToEndTests(EngineFixture engine)
{
    // About 110 tokens (stories260K's vocabulary is small): inside the fixture's 256-token context, long enough that
    // reuse is unmistakable.
    private static readonly string System = string.Concat(Enumerable.Repeat("You are a storyteller who tells short happy stories. ", 3));

    [ModelFact]
    public async Task Chat_SecondTurnSameSystemPrompt_ReportsCachedTokens()
    {
        var first = await ChatAsync("Tell me about a cat.");
        var second = await ChatAsync("Tell me about a dog.");

        var prompt = second.GetProperty("prompt_tokens").GetInt32();
        var cached = second.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32();
        Assert.True(first.GetProperty("prompt_tokens").GetInt32() > 100, first.ToString());
        Assert.InRange(cached, 90, prompt - 1);
    }

    [ModelFact]
    public void Sdk_SecondTurnSameSystemPrompt_CachedTokenCountIsSet()
    {
        var client = Sdk.Chat(engine.Server, EngineFixture.ModelId);
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 4, Temperature = 0 };
        client.CompleteChat([new SystemChatMessage(System), new UserChatMessage("A fox.")], options);

        ChatCompletion second = client.CompleteChat([new SystemChatMessage(System), new UserChatMessage("An owl.")], options);

        Assert.InRange(second.Usage.InputTokenDetails.CachedTokenCount, 90, second.Usage.InputTokenCount - 1);
    }

    [ModelFact]
    public async Task Messages_SecondTurnSameSystemPrompt_CacheReadInputTokensExcludedFromInputTokens()
    {
        await MessagesAsync("Tell me about a bird.");
        var (usage, total) = (await MessagesAsync("Tell me about a frog."), await PromptTokensAsync("Tell me about a frog."));

        var read = usage.GetProperty("cache_read_input_tokens").GetInt32();
        Assert.InRange(read, 90, total - 1);
        // Anthropic counts cache reads apart: input_tokens is only what was evaluated afresh.
        Assert.Equal(total - read, usage.GetProperty("input_tokens").GetInt32());
    }

    [ModelFact]
    public async Task Health_AfterARepeatedPrefix_ShowsSlotsCellsAndTheCacheHitRate()
    {
        await ChatAsync("A mouse.");
        await ChatAsync("A horse.");

        using var response = await engine.Server.Http.GetAsync("/health");
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var model = Assert.Single(health.GetProperty("engines").EnumerateArray());
        Assert.Equal(EngineFixture.ModelId, model.GetProperty("model").GetString());
        Assert.Equal(1, model.GetProperty("slots").GetInt32());
        Assert.Equal(0, model.GetProperty("slots_busy").GetInt32());
        Assert.Equal(0, model.GetProperty("queued").GetInt32());
        Assert.InRange(model.GetProperty("kv_cells_used").GetInt32(), 100, model.GetProperty("kv_cells_total").GetInt32());
        Assert.True(model.GetProperty("cached_prompt_tokens").GetInt64() >= 90);
        Assert.InRange(model.GetProperty("prefix_cache_hit_rate").GetDouble(), 0.01, 1);
        Assert.True(model.GetProperty("decode_tokens_per_second").GetDouble() > 0);
    }

    private async Task<JsonElement> ChatAsync(string user)
    {
        var body = JsonSerializer.Serialize(new
        {
            model = EngineFixture.ModelId,
            max_tokens = 4,
            temperature = 0,
            messages = new object[] { new { role = "system", content = System }, new { role = "user", content = user } },
        });
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions", body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("usage").Clone();
    }

    private async Task<int> PromptTokensAsync(string user) => (await ChatAsync(user)).GetProperty("prompt_tokens").GetInt32();

    private async Task<JsonElement> MessagesAsync(string user)
    {
        var body = JsonSerializer.Serialize(new
        {
            model = EngineFixture.ModelId,
            max_tokens = 4,
            temperature = 0,
            system = System,
            messages = new object[] { new { role = "user", content = user } },
        });
        using var request = Requests.Post("/v1/messages", body);
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var response = await engine.Server.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("usage").Clone();
    }
}
