using System.Net;
using System.Text;
using System.Text.Json;

namespace Locus.Providers.Tests.Upstream;

/// <summary>The scripted upstream itself, checked over raw HTTP against the documented wire formats.</summary>
public sealed class UpstreamServerTests : IAsyncLifetime
{
    private readonly HttpClient http = new();
    private UpstreamServer server = null!;

    public async Task InitializeAsync() => server = await UpstreamServer.StartAsync();

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task OpenAI_NonStreaming_EchoesLastUserMessageWithUsage()
    {
        var body = await PostJsonAsync("chat/completions", """{"model":"m","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hello there"}]}""");

        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.Equal("m", body.GetProperty("model").GetString());
        var choice = body.GetProperty("choices")[0];
        Assert.Equal("echo: hello there", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(4, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(3, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(7, body.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task OpenAI_Streaming_ChunksEndWithUsageAndDone()
    {
        var events = await PostStreamAsync("chat/completions", """{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"abcdefgh"}]}""");

        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events.SkipLast(1).Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        var text = string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Select(d => d.TryGetProperty("content", out var t) ? t.GetString() : ""));
        Assert.Equal("echo: abcdefgh", text);
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(2, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task OpenAI_MaxTokensBelowReplyWords_TruncatesWithLength()
    {
        server.Behavior = new UpstreamBehavior { Reply = _ => "one two three four" };

        var body = await PostJsonAsync("chat/completions", """{"model":"m","max_tokens":2,"messages":[{"role":"user","content":"x"}]}""");

        var choice = body.GetProperty("choices")[0];
        Assert.Equal("one two", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task OpenAI_StreamedToolCall_ArgumentsAssembleToTheScriptedJson()
    {
        server.Behavior = new UpstreamBehavior { ToolCall = new("call_1", "get_weather", """{"city":"Paris"}""") };

        var events = await PostStreamAsync("chat/completions", """{"model":"m","stream":true,"messages":[{"role":"user","content":"x"}]}""");

        var deltas = events.SkipLast(1).Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("choices")[0]).ToList();
        var calls = deltas.Select(d => d.GetProperty("delta")).Where(d => d.TryGetProperty("tool_calls", out _)).Select(d => d.GetProperty("tool_calls")[0]).ToList();
        Assert.Equal("call_1", calls[0].GetProperty("id").GetString());
        Assert.Equal("get_weather", calls[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"city":"Paris"}""", string.Concat(calls.Select(c => c.GetProperty("function").GetProperty("arguments").GetString())));
        Assert.Equal("tool_calls", deltas[^1].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Anthropic_Streaming_EmitsNamedEventsInDocumentedOrder()
    {
        var events = await PostStreamAsync("messages", """{"model":"c","max_tokens":100,"stream":true,"system":"be brief","messages":[{"role":"user","content":"hi"}]}""", anthropic: true);

        Assert.Equal(
            ["message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.Name));
        Assert.All(events, e => Assert.Equal(e.Name, JsonDocument.Parse(e.Data).RootElement.GetProperty("type").GetString()));
        var start = JsonDocument.Parse(events[0].Data).RootElement.GetProperty("message");
        Assert.Equal(3, start.GetProperty("usage").GetProperty("input_tokens").GetInt32());
        var delta = JsonDocument.Parse(events[6].Data).RootElement;
        Assert.Equal("end_turn", delta.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.Equal(2, delta.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public async Task Anthropic_SystemRoleInMessages_IsRejectedLikeTheRealApi()
    {
        using var response = await PostAsync("messages", """{"model":"c","max_tokens":10,"messages":[{"role":"system","content":"x"}]}""", anthropic: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task RequiredApiKey_WrongKey_Gets401InEachProtocolsFormat()
    {
        server.Behavior = new UpstreamBehavior { RequiredApiKey = "sk-right" };

        using var openai = await PostAsync("chat/completions", """{"model":"m","messages":[{"role":"user","content":"x"}]}""", key: "sk-wrong");
        using var anthropic = await PostAsync("messages", """{"model":"c","max_tokens":5,"messages":[{"role":"user","content":"x"}]}""", anthropic: true, key: "sk-wrong");
        using var right = await PostAsync("chat/completions", """{"model":"m","messages":[{"role":"user","content":"x"}]}""", key: "sk-right");

        Assert.Equal(HttpStatusCode.Unauthorized, openai.StatusCode);
        Assert.Equal("invalid_api_key", JsonDocument.Parse(await openai.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anthropic.StatusCode);
        Assert.Equal("authentication_error", JsonDocument.Parse(await anthropic.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task FailFirst_FailsThenSucceeds_AndRecordsEveryRequest()
    {
        server.Behavior = new UpstreamBehavior { FailFirst = 2, FailStatus = 429, RetryAfter = TimeSpan.FromMilliseconds(1500) };
        const string Body = """{"model":"m","messages":[{"role":"user","content":"x"}]}""";

        using var first = await PostAsync("chat/completions", Body);
        using var second = await PostAsync("chat/completions", Body);
        using var third = await PostAsync("chat/completions", Body);

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], new[] { first.StatusCode, second.StatusCode, third.StatusCode });
        Assert.Equal("2", first.Headers.GetValues("Retry-After").Single());
        Assert.Equal("1500", first.Headers.GetValues("retry-after-ms").Single());
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal(Body, r.BodyText));
    }

    [Fact]
    public async Task DropStreamAfterChunks_CutsTheConnectionBeforeTheEnd()
    {
        server.Behavior = new UpstreamBehavior { DropStreamAfterChunks = 1, ChunkChars = 1 };
        using var request = Request("chat/completions", """{"model":"m","stream":true,"messages":[{"role":"user","content":"long enough"}]}""", false, null);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StopAsync_LaterConnectionsAreRefused()
    {
        await server.StopAsync();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => PostAsync("chat/completions", "{}"));
        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
    }

    [Fact]
    public async Task Models_ListsTheScriptedIds()
    {
        var body = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.BaseUrl + "/models"))).RootElement;

        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal("upstream-model", body.GetProperty("data")[0].GetProperty("id").GetString());
    }

    private HttpRequestMessage Request(string path, string json, bool anthropic, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUrl + "/" + path))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (anthropic)
        {
            request.Headers.Add("anthropic-version", "2023-06-01");
            if (key is not null)
            {
                request.Headers.Add("x-api-key", key);
            }
        }
        else if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }

        return request;
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string json, bool anthropic = false, string? key = null)
    {
        using var request = Request(path, json, anthropic, key);
        return await http.SendAsync(request);
    }

    private async Task<JsonElement> PostJsonAsync(string path, string json)
    {
        using var response = await PostAsync(path, json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<List<(string? Name, string Data)>> PostStreamAsync(string path, string json, bool anthropic = false)
    {
        using var response = await PostAsync(path, json, anthropic);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        return [.. text[..^2].Split("\n\n").Select(e =>
        {
            var lines = e.Split('\n');
            var name = lines.FirstOrDefault(l => l.StartsWith("event: ", StringComparison.Ordinal))?["event: ".Length..];
            return (name, lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..]);
        })];
    }
}
