using System.Net;
using System.Text.Json;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.EndToEnd;

/// <summary>
/// A plain server (no routing node) with stories260K in a 256-token context: a max_tokens far beyond it, as clients
/// written for cloud models send, is lowered to the room the prompt leaves, said in x-locus-max-tokens-clamped, and
/// the answer ends at the context's end with the usual finish reason.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ContextClampEndToEndTests(EngineFixture engine)
{
    private const string Header = "x-locus-max-tokens-clamped";
    private const int Context = 256;

    private static (int Asked, int Granted) Clamp(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues(Header, out var values), $"no {Header} header");
        var parts = Assert.Single(values).Split("->");
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [ModelFact]
    public async Task Chat_MaxTokensFarBeyondContext_ClampedToTheRoomLeftAndEndsWithLength()
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions",
            """{"model":"stories260K","messages":[{"role":"user","content":"Once upon a time"}],"max_tokens":64000,"temperature":0,"ignore_eos":true}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var doc = JsonDocument.Parse(body);
        var usage = doc.RootElement.GetProperty("usage");
        var (prompt, completion) = (usage.GetProperty("prompt_tokens").GetInt32(), usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal((64_000, Context - prompt), Clamp(response));
        Assert.Equal(Context - prompt, completion);
        Assert.Equal("length", doc.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [ModelFact]
    public async Task Chat_MaxTokensWithinContext_NoClampHeader()
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions",
            """{"model":"stories260K","messages":[{"role":"user","content":"Once upon a time"}],"max_tokens":8,"temperature":0}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(Header));
    }

    [ModelFact]
    public async Task Stream_MaxTokensFarBeyondContext_HeaderOnTheStreamAndEndsWithLength()
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions",
            """{"model":"stories260K","messages":[{"role":"user","content":"Once upon a time"}],"max_tokens":64000,"temperature":0,"ignore_eos":true,"stream":true,"stream_options":{"include_usage":true}}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (asked, granted) = Clamp(response);
        var chunks = SseEvents.Json(await SseEvents.ReadAsync(response));
        var finish = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("finish_reason")).Last(f => f.ValueKind == JsonValueKind.String).GetString();
        var usage = chunks.Last(c => c.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object).GetProperty("usage");
        Assert.Equal(64_000, asked);
        Assert.Equal(Context - usage.GetProperty("prompt_tokens").GetInt32(), granted);
        Assert.Equal(granted, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal("length", finish);
    }

    [ModelFact]
    public async Task Messages_MaxTokensFarBeyondContext_ClampedAndStopReasonMaxTokens()
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/messages",
            """{"model":"stories260K","messages":[{"role":"user","content":"Once upon a time"}],"max_tokens":32000,"temperature":0,"ignore_eos":true}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var doc = JsonDocument.Parse(body);
        var usage = doc.RootElement.GetProperty("usage");
        // Anthropic counts prompt tokens read from the cache apart from input_tokens.
        var prompt = usage.GetProperty("input_tokens").GetInt32()
            + (usage.TryGetProperty("cache_read_input_tokens", out var cached) && cached.ValueKind == JsonValueKind.Number ? cached.GetInt32() : 0);
        Assert.Equal((32_000, Context - prompt), Clamp(response));
        Assert.Equal(Context - prompt, usage.GetProperty("output_tokens").GetInt32());
        Assert.Equal("max_tokens", doc.RootElement.GetProperty("stop_reason").GetString());
    }

    [ModelFact]
    public async Task Completion_MaxTokensFarBeyondContext_Clamped()
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/completions",
            """{"model":"stories260K","prompt":"Once upon a time","max_tokens":4096,"temperature":0,"ignore_eos":true}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var doc = JsonDocument.Parse(body);
        var usage = doc.RootElement.GetProperty("usage");
        Assert.Equal((4096, Context - usage.GetProperty("prompt_tokens").GetInt32()), Clamp(response));
        Assert.Equal("length", doc.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [ModelFact]
    public async Task Chat_PromptBeyondContext_400WithTheNumbers()
    {
        var prompt = string.Concat(Enumerable.Repeat("Once upon a time there was a little girl. ", 40));
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions",
            JsonSerializer.Serialize(new { model = "stories260K", messages = new[] { new { role = "user", content = prompt } }, max_tokens = 16 })));

        var error = await OpenAIError.AssertAsync(response, HttpStatusCode.BadRequest, "messages", "context_length_exceeded");
        Assert.Contains("256 tokens", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
