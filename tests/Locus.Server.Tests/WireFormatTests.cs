using System.Text.Json;
using Locus.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests;

/// <summary>
/// The exact shapes OpenAI clients parse, checked against a scripted model so every byte is predictable.
/// The same shapes from the real engine are covered in EndToEnd/.
/// </summary>
public sealed class WireFormatTests : IAsyncLifetime
{
    private const string ChatBody = """{"model":"scripted","messages":[{"role":"user","content":"hi"}]""";
    private readonly ScriptedCatalog _model = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(_model, time: new FixedTime());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Chat_NonStreaming_MatchesOpenAIShape()
    {
        _model.Script(ChatFinishReason.Length, 7, "Hello", " world");

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/chat/completions", ChatBody + "}"));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["id", "object", "created", "model", "system_fingerprint", "choices", "usage"], Names(root));
        Assert.StartsWith("chatcmpl-", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("chat.completion", root.GetProperty("object").GetString());
        Assert.Equal(FixedTime.Instant.ToUnixTimeSeconds(), root.GetProperty("created").GetInt64());
        Assert.Equal("scripted", root.GetProperty("model").GetString());
        var choice = root.GetProperty("choices").EnumerateArray().Single();
        Assert.Equal(["index", "message", "logprobs", "finish_reason"], Names(choice));
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("Hello world", choice.GetProperty("message").GetProperty("content").GetString());
        AssertUsage(root.GetProperty("usage"), 7, 2);
    }

    [Fact]
    public async Task Chat_StreamingWithUsage_SendsRoleContentFinishUsageDone()
    {
        _model.Script(ChatFinishReason.Stop, 5, "Hel", "lo");

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/chat/completions",
            ChatBody + ""","stream":true,"stream_options":{"include_usage":true}}"""));
        var events = await SseEvents.ReadAsync(response);
        var chunks = SseEvents.Json(events);

        Assert.Equal(SseEvents.Done, events[^1]);
        Assert.Equal(events.Count - 1, chunks.Count);
        // The scripted model hands over both texts at once; updates that are ready together go out as one event.
        Assert.Equal(4, chunks.Count); // role, content, finish, usage
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.All(chunks, c => Assert.Equal(["id", "object", "created", "model", "system_fingerprint", "choices", "usage"], Names(c)));
        Assert.All(chunks[..^1], c => Assert.Equal(["index", "delta", "logprobs", "finish_reason"], Names(Choice(c))));
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.All(chunks, c => Assert.Equal(FixedTime.Instant.ToUnixTimeSeconds(), c.GetProperty("created").GetInt64()));
        Assert.All(chunks[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        Assert.Equal("""{"role":"assistant","content":""}""", Delta(chunks[0]).GetRawText());
        Assert.Equal("Hello", Delta(chunks[1]).GetProperty("content").GetString());
        Assert.All(chunks[..2], c => Assert.Equal(JsonValueKind.Null, Choice(c).GetProperty("finish_reason").ValueKind));
        Assert.Equal("{}", Delta(chunks[2]).GetRawText());
        Assert.Equal("stop", Choice(chunks[2]).GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[3].GetProperty("choices").GetArrayLength());
        AssertUsage(chunks[3].GetProperty("usage"), 5, 2);
    }

    [Fact]
    public async Task Chat_StreamingWithoutUsage_HasNoUsageMember()
    {
        _model.Script(ChatFinishReason.Stop, 5, "a", "b", "c");

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/chat/completions", ChatBody + ""","stream":true}"""));
        var events = await SseEvents.ReadAsync(response);
        var chunks = SseEvents.Json(events);

        Assert.Equal(SseEvents.Done, events[^1]);
        Assert.Equal(3, chunks.Count); // role, content (three ready updates merged), finish
        Assert.Equal("abc", Delta(chunks[1]).GetProperty("content").GetString());
        Assert.All(chunks, c => Assert.False(c.TryGetProperty("usage", out _)));
        Assert.Equal("stop", Choice(chunks[^1]).GetProperty("finish_reason").GetString());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Chat_StreamingNonAsciiText_ArrivesUnescapedAndIntact()
    {
        const string text = "héllo \"q\" 🦙 <b>&";
        _model.Script(ChatFinishReason.Stop, 1, text);

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/chat/completions", ChatBody + ""","stream":true}"""));
        var raw = await response.Content.ReadAsStringAsync();
        var chunks = SseEvents.Json(SseEvents.Parse(raw));

        Assert.Equal(text, Delta(chunks[1]).GetProperty("content").GetString());
        // Raw UTF-8 as OpenAI sends it (characters outside the BMP stay \u-escaped surrogate pairs, still valid JSON).
        Assert.Contains("héllo \\\"q\\\" ", raw, StringComparison.Ordinal);
        Assert.Contains("<b>&", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_NonStreaming_MatchesOpenAIShape()
    {
        _model.Script(ChatFinishReason.Stop, 3, "once", " upon");

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/completions", """{"model":"scripted","prompt":["Tell me"]}"""));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;

        Assert.Equal(["id", "object", "created", "model", "system_fingerprint", "choices", "usage"], Names(root));
        Assert.StartsWith("cmpl-", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("text_completion", root.GetProperty("object").GetString());
        var choice = root.GetProperty("choices").EnumerateArray().Single();
        Assert.Equal(["text", "index", "logprobs", "finish_reason"], Names(choice));
        Assert.Equal("once upon", choice.GetProperty("text").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        AssertUsage(root.GetProperty("usage"), 3, 2);
        Assert.Equal("Tell me", _model.LastPrompt);
    }

    [Fact]
    public async Task Text_StreamingWithUsage_SendsTextFinishUsageDone()
    {
        _model.Script(ChatFinishReason.Length, 4, "x", "y");

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/completions",
            """{"model":"scripted","prompt":"p","stream":true,"stream_options":{"include_usage":true}}"""));
        var events = await SseEvents.ReadAsync(response);
        var chunks = SseEvents.Json(events);

        Assert.Equal(SseEvents.Done, events[^1]);
        Assert.Equal(3, chunks.Count); // text (two ready updates merged), finish, usage
        Assert.All(chunks, c => Assert.Equal("text_completion", c.GetProperty("object").GetString()));
        Assert.Equal(["xy", ""], chunks[..2].Select(c => Choice(c).GetProperty("text").GetString()));
        Assert.Equal("length", Choice(chunks[1]).GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[2].GetProperty("choices").GetArrayLength());
        AssertUsage(chunks[2].GetProperty("usage"), 4, 2);
    }

    private static JsonElement Choice(JsonElement chunk) => chunk.GetProperty("choices")[0];

    private static JsonElement Delta(JsonElement chunk) => Choice(chunk).GetProperty("delta");

    private static List<string> Names(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    private static void AssertUsage(JsonElement usage, long prompt, long completion)
    {
        Assert.Equal(prompt, usage.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(completion, usage.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(prompt + completion, usage.GetProperty("total_tokens").GetInt64());
    }
}
