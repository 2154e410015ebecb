using System.Net;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests.Ollama;

/// <summary>/api/chat and /api/generate over a scripted backend: the translation both ways, byte for byte.</summary>
public sealed class OllamaChatWireTests : IAsyncLifetime
{
    private readonly ScriptedCatalog _catalog = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(_catalog);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Chat(string extra = "") =>
        "{\"model\":\"scripted\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}";

    [Fact]
    public async Task Chat_BodySentAsCurlDashD_IsReadAsJson()
    {
        // Ollama's docs use `curl http://localhost:11434/api/chat -d '{...}'`, which labels the body as a form.
        _catalog.Script(ChatFinishReason.Stop, 7, "ok");
        using var content = new StringContent(Chat(",\"stream\":false"), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await _server.Http.PostAsync("/api/chat", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ok", reply.GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Chat_NotStreaming_ReturnsOllamaObject()
    {
        _catalog.Script(ChatFinishReason.Stop, 7, "Hel", "lo");

        var reply = await OllamaWire.PostAsync(_server.Http, "/api/chat", Chat(",\"stream\":false"));

        Assert.Equal("scripted", reply.GetProperty("model").GetString());
        OllamaWire.AssertCreatedAt(reply);
        Assert.Equal("assistant", reply.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("Hello", reply.GetProperty("message").GetProperty("content").GetString());
        Assert.False(reply.GetProperty("message").TryGetProperty("tool_calls", out _));
        OllamaWire.AssertFinalMetrics(reply);
        Assert.Equal("stop", reply.GetProperty("done_reason").GetString());
        Assert.Equal(7, reply.GetProperty("prompt_eval_count").GetInt64());
        Assert.Equal(2, reply.GetProperty("eval_count").GetInt64());
    }

    [Fact]
    public async Task Chat_StreamByDefault_SendsNdjsonEndingWithDone()
    {
        _catalog.Script(ChatFinishReason.Length, 3, "a", "b", "c");

        var lines = await OllamaWire.StreamAsync(_server.Http, "/api/chat", Chat());

        Assert.All(lines[..^1], l => Assert.False(l.GetProperty("done").GetBoolean()));
        Assert.Equal("abc", string.Concat(lines.Select(l => l.GetProperty("message").GetProperty("content").GetString())));
        var last = lines[^1];
        OllamaWire.AssertFinalMetrics(last);
        Assert.Equal("length", last.GetProperty("done_reason").GetString());
        Assert.Equal("", last.GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Chat_LatestTag_ResolvesToBareIdAndEchoesName()
    {
        _catalog.Script(ChatFinishReason.Stop, 1, "x");

        var reply = await OllamaWire.PostAsync(_server.Http, "/api/chat",
            "{\"model\":\"scripted:latest\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        Assert.Equal("scripted:latest", reply.GetProperty("model").GetString());
        Assert.Equal("scripted", _catalog.LastOptions!.ModelId);
    }

    [Fact]
    public async Task Chat_UnknownModel_Is404InOllamaWords()
    {
        using var response = await _server.Http.SendAsync(Requests.Post("/api/chat",
            "{\"model\":\"llama3.2:3b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model 'llama3.2:3b' not found", OllamaWire.AssertError(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Chat_Options_MapOntoChatOptions()
    {
        _catalog.Script(ChatFinishReason.Stop, 1, "x");

        await OllamaWire.PostAsync(_server.Http, "/api/chat", Chat(
            ",\"stream\":false,\"format\":\"json\",\"keep_alive\":\"10m\",\"think\":false,\"options\":{\"num_ctx\":4096,\"num_predict\":12,\"temperature\":0.3," +
            "\"top_p\":0.8,\"top_k\":5,\"min_p\":0.05,\"seed\":42,\"stop\":[\"\\n\",\"user:\"],\"repeat_penalty\":1.1,\"presence_penalty\":0.5," +
            "\"frequency_penalty\":0.25,\"num_gpu\":1,\"num_thread\":8,\"use_mmap\":true}"));

        var o = _catalog.LastOptions!;
        Assert.Equal(12, o.MaxOutputTokens);
        Assert.Equal(0.3f, o.Temperature);
        Assert.Equal(0.8f, o.TopP);
        Assert.Equal(5, o.TopK);
        Assert.Equal(42, o.Seed);
        Assert.Equal(["\n", "user:"], o.StopSequences);
        Assert.Equal(0.5f, o.PresencePenalty);
        Assert.Equal(0.25f, o.FrequencyPenalty);
        Assert.Equal(0.05f, o.AdditionalProperties![LocusChatOptions.MinP]);
        Assert.Equal(1.1f, o.AdditionalProperties[LocusChatOptions.RepetitionPenalty]);
        Assert.Same(ChatResponseFormat.Json, o.ResponseFormat);
    }

    [Fact]
    public async Task Chat_FormatSchema_BecomesJsonSchemaResponseFormat()
    {
        _catalog.Script(ChatFinishReason.Stop, 1, "{}");

        await OllamaWire.PostAsync(_server.Http, "/api/chat", Chat(
            ",\"stream\":false,\"format\":{\"type\":\"object\",\"properties\":{\"age\":{\"type\":\"integer\"}},\"required\":[\"age\"]}"));

        var format = Assert.IsType<ChatResponseFormatJson>(_catalog.LastOptions!.ResponseFormat);
        Assert.Equal("integer", format.Schema!.Value.GetProperty("properties").GetProperty("age").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Chat_NumPredictMinusOne_LeavesNoLimit()
    {
        _catalog.Script(ChatFinishReason.Stop, 1, "x");

        await OllamaWire.PostAsync(_server.Http, "/api/chat", Chat(",\"stream\":false,\"options\":{\"num_predict\":-1}"));

        Assert.Null(_catalog.LastOptions!.MaxOutputTokens);
    }

    [Fact]
    public async Task Chat_ToolHistory_PairsResultsWithCallsByName()
    {
        _catalog.Script(ChatFinishReason.Stop, 1, "11 degrees");
        const string messages = """
            [{"role":"user","content":"weather in Toronto and Paris?"},
             {"role":"assistant","content":"","tool_calls":[
               {"function":{"name":"get_weather","arguments":{"city":"Toronto"}}},
               {"function":{"name":"get_time","arguments":{"city":"Paris"}}}]},
             {"role":"tool","content":"10:00","tool_name":"get_time"},
             {"role":"tool","content":"11 degrees celsius","tool_name":"get_weather"}]
            """;
        var tools = """[{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]""";

        await OllamaWire.PostAsync(_server.Http, "/api/chat", $"{{\"model\":\"scripted\",\"stream\":false,\"messages\":{messages},\"tools\":{tools}}}");

        var sent = _catalog.LastMessages!;
        Assert.Equal(4, sent.Count);
        var calls = sent[1].Contents.OfType<FunctionCallContent>().ToList();
        Assert.Equal(["call_0", "call_1"], calls.Select(c => c.CallId));
        Assert.Equal("Toronto", calls[0].Arguments!["city"]?.ToString());
        var time = Assert.IsType<FunctionResultContent>(Assert.Single(sent[2].Contents));
        var weather = Assert.IsType<FunctionResultContent>(Assert.Single(sent[3].Contents));
        Assert.Equal("call_1", time.CallId);
        Assert.Equal("call_0", weather.CallId);
        Assert.Equal("11 degrees celsius", weather.Result);
        Assert.Equal("get_weather", Assert.Single(_catalog.LastOptions!.Tools!).Name);
    }

    [Fact]
    public async Task Chat_ModelCallsTool_ArgumentsComeBackAsObject()
    {
        var call = new FunctionCallContent("call_9", "get_weather", new Dictionary<string, object?> { ["city"] = "Tokyo" });
        _catalog.Updates.Add(new ChatResponseUpdate { Role = ChatRole.Assistant, Contents = [call] });
        _catalog.Updates.Add(new ChatResponseUpdate { Role = ChatRole.Assistant, FinishReason = ChatFinishReason.ToolCalls });

        var reply = await OllamaWire.PostAsync(_server.Http, "/api/chat", Chat(",\"stream\":false"));
        var lines = await OllamaWire.StreamAsync(_server.Http, "/api/chat", Chat());

        foreach (var message in new[] { reply.GetProperty("message"), lines[0].GetProperty("message") })
        {
            var function = Assert.Single(message.GetProperty("tool_calls").EnumerateArray()).GetProperty("function");
            Assert.Equal("get_weather", function.GetProperty("name").GetString());
            Assert.Equal(JsonValueKind.Object, function.GetProperty("arguments").ValueKind);
            Assert.Equal("Tokyo", function.GetProperty("arguments").GetProperty("city").GetString());
        }

        Assert.Equal("stop", reply.GetProperty("done_reason").GetString());
        Assert.Equal("stop", lines[^1].GetProperty("done_reason").GetString());
    }

    [Fact]
    public async Task Chat_FailsBeforeOutput_GetsStatusAndErrorBody()
    {
        _catalog.FailAtStart = new LocusException(new LocusError(LocusErrorKind.Overloaded, "The queue is full.", null, null));

        using var response = await _server.Http.SendAsync(Requests.Post("/api/chat", Chat()));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("The queue is full.", OllamaWire.AssertError(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Chat_FailsMidStream_EndsWithErrorLineAndNoDone()
    {
        _catalog.Script(ChatFinishReason.Stop, 1, "partial");
        _catalog.Updates.RemoveAt(_catalog.Updates.Count - 1);
        _catalog.FailAfterUpdates = new LocusException(new LocusError(LocusErrorKind.UpstreamFailed, "The upstream went away.", null, null));

        var lines = await OllamaWire.StreamAsync(_server.Http, "/api/chat", Chat());

        Assert.Equal("partial", lines[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("The upstream went away.", OllamaWire.AssertError(lines[^1].GetRawText()));
        Assert.DoesNotContain(lines, l => l.TryGetProperty("done", out var d) && d.GetBoolean());
        using var health = await _server.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("/api/chat", "{\"model\":\"scripted\",\"messages\":[]}", "load")]
    [InlineData("/api/chat", "{\"model\":\"scripted\",\"keep_alive\":0}", "unload")]
    [InlineData("/api/generate", "{\"model\":\"scripted\"}", "load")]
    [InlineData("/api/generate", "{\"model\":\"scripted\",\"keep_alive\":\"0s\"}", "unload")]
    public async Task EmptyRequest_IsOllamasLoadReply(string path, string json, string reason)
    {
        var reply = await OllamaWire.PostAsync(_server.Http, path, json);

        Assert.True(reply.GetProperty("done").GetBoolean());
        Assert.Equal(reason, reply.GetProperty("done_reason").GetString());
        Assert.Null(_catalog.LastOptions);
    }

    [Fact]
    public async Task Generate_NotRaw_SendsSystemAndPromptAsChatTurns()
    {
        _catalog.Script(ChatFinishReason.Stop, 4, "Once", " upon");

        var reply = await OllamaWire.PostAsync(_server.Http, "/api/generate",
            "{\"model\":\"scripted\",\"prompt\":\"Tell a story\",\"system\":\"Be brief\",\"stream\":false}");

        Assert.Equal("Once upon", reply.GetProperty("response").GetString());
        Assert.False(reply.TryGetProperty("context", out _));
        OllamaWire.AssertFinalMetrics(reply);
        Assert.Equal([ChatRole.System, ChatRole.User], _catalog.LastMessages!.Select(m => m.Role));
        Assert.Equal("Tell a story", _catalog.LastMessages![1].Text);
        Assert.Null(_catalog.LastPrompt);
    }

    [Fact]
    public async Task Generate_Raw_SendsThePromptAsIs()
    {
        _catalog.Script(ChatFinishReason.Stop, 4, " there");

        var lines = await OllamaWire.StreamAsync(_server.Http, "/api/generate", "{\"model\":\"scripted\",\"prompt\":\"[INST] hi [/INST]\",\"raw\":true}");

        Assert.Equal("[INST] hi [/INST]", _catalog.LastPrompt);
        Assert.Equal(" there", string.Concat(lines.Select(l => l.GetProperty("response").GetString())));
        OllamaWire.AssertFinalMetrics(lines[^1]);
    }

    [Fact]
    public async Task Generate_StreamConcatenation_EqualsNonStreamResponse()
    {
        _catalog.Script(ChatFinishReason.Stop, 4, "a", "b", "c");

        var whole = await OllamaWire.PostAsync(_server.Http, "/api/generate", "{\"model\":\"scripted\",\"prompt\":\"x\",\"stream\":false}");
        var lines = await OllamaWire.StreamAsync(_server.Http, "/api/generate", "{\"model\":\"scripted\",\"prompt\":\"x\"}");

        Assert.Equal(whole.GetProperty("response").GetString(), string.Concat(lines.Select(l => l.GetProperty("response").GetString())));
    }
}
