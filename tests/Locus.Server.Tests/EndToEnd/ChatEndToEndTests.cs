using System.Net;
using System.Text.Json;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.EndToEnd;

[Collection(EngineCollection.Name)]
public sealed class ChatEndToEndTests(EngineFixture engine)
{
    private const string Messages = """{"model":"stories260K","messages":[{"role":"user","content":"Once upon a time"}]""";

    [ModelFact]
    public async Task Chat_NonStreaming_ReturnsTextFinishAndUsage()
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions", Messages + ""","max_tokens":16}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        Assert.Equal("chat.completion", root.GetProperty("object").GetString());
        Assert.Equal(EngineFixture.ModelId, root.GetProperty("model").GetString());
        var choice = root.GetProperty("choices")[0];
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.False(string.IsNullOrEmpty(choice.GetProperty("message").GetProperty("content").GetString()));
        Assert.Contains(choice.GetProperty("finish_reason").GetString(), new[] { "stop", "length" });
        var usage = root.GetProperty("usage");
        Assert.True(usage.GetProperty("prompt_tokens").GetInt32() > 0);
        Assert.InRange(usage.GetProperty("completion_tokens").GetInt32(), 1, 16);
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
    }

    [ModelFact]
    public async Task Chat_MaxTokensOne_FinishesWithLength()
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions", Messages + ""","max_tokens":1,"temperature":0}"""));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("length", doc.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [ModelFact]
    public async Task Chat_StreamingWithUsage_FramesRoleContentFinishUsageDone()
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions",
            Messages + ""","max_tokens":12,"stream":true,"stream_options":{"include_usage":true}}"""), HttpCompletionOption.ResponseHeadersRead);
        var events = await SseEvents.ReadAsync(response);
        var chunks = SseEvents.Json(events);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SseEvents.Done, events[^1]);
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("""{"role":"assistant","content":""}""", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetRawText());
        var finish = chunks[^2].GetProperty("choices")[0];
        Assert.Equal("{}", finish.GetProperty("delta").GetRawText());
        Assert.Contains(finish.GetProperty("finish_reason").GetString(), new[] { "stop", "length" });
        var usage = chunks[^1];
        Assert.Equal(0, usage.GetProperty("choices").GetArrayLength());
        Assert.InRange(usage.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), 1, 12);
        Assert.All(chunks[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        Assert.True(chunks.Count >= 4, "expected role, at least one content delta, finish and usage chunks");
    }

    [ModelFact]
    public async Task Chat_StreamingAndNonStreaming_SameSeed_SameText()
    {
        const string sampling = ""","max_tokens":24,"temperature":0.9,"seed":1234""";

        using var whole = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions", Messages + sampling + "}"));
        using var doc = JsonDocument.Parse(await whole.Content.ReadAsStringAsync());
        using var streamed = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions", Messages + sampling + ""","stream":true}"""));
        var chunks = SseEvents.Json(await SseEvents.ReadAsync(streamed));

        var expected = doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        var actual = string.Concat(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Select(d => d.TryGetProperty("content", out var t) ? t.GetString() : ""));
        Assert.False(string.IsNullOrEmpty(expected));
        Assert.Equal(expected, actual);
    }

    [ModelFact]
    public async Task Chat_PromptLongerThanContext_Gets400ContextLengthExceeded()
    {
        var longText = string.Join(' ', Enumerable.Repeat("the little dog ran far away", 200));

        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions",
            $$"""{"model":"stories260K","messages":[{"role":"user","content":"{{longText}}"}]}"""));

        var body = await response.Content.ReadAsStringAsync();

        // Which field the engine blames is its choice; the status, type and code are the contract.
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        var error = OpenAIError.AssertShape(body);
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }
}
