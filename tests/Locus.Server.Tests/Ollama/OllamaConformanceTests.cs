using System.Net;
using System.Text.Json;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Ollama;

/// <summary>
/// The request and response examples of Ollama's docs/api.md, sent to a real server with real models (the docs'
/// model names replaced by ours): every field the docs show is present, with the type they show.
/// </summary>
public sealed class OllamaConformanceTests(OllamaEngineFixture fixture) : IClassFixture<OllamaEngineFixture>
{
    private const string Greedy = "\"options\":{\"seed\":42,\"temperature\":0,\"num_predict\":12}";

    private HttpClient Http => fixture.Server.Http;

    [ModelFact]
    public async Task Chat_NoStreaming_HasDocumentedFields()
    {
        var reply = await OllamaWire.PostAsync(Http, "/api/chat",
            $"{{\"model\":\"{OllamaEngineFixture.Qwen}:latest\",\"messages\":[{{\"role\":\"user\",\"content\":\"why is the sky blue?\"}}],\"stream\":false,{Greedy}}}");

        Assert.Equal($"{OllamaEngineFixture.Qwen}:latest", reply.GetProperty("model").GetString());
        OllamaWire.AssertCreatedAt(reply);
        var message = reply.GetProperty("message");
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        OllamaWire.AssertType(message, "content", JsonValueKind.String);
        OllamaWire.AssertFinalMetrics(reply);
        Assert.True(reply.GetProperty("prompt_eval_count").GetInt64() > 0);
        Assert.True(reply.GetProperty("eval_count").GetInt64() > 0);
        Assert.True(reply.GetProperty("total_duration").GetInt64() > 0);
    }

    [ModelFact]
    public async Task Chat_Streaming_EqualsNoStreaming()
    {
        var body = $"\"model\":\"{OllamaEngineFixture.Qwen}\",\"messages\":[{{\"role\":\"user\",\"content\":\"why is the sky blue?\"}}],{Greedy}";
        var whole = await OllamaWire.PostAsync(Http, "/api/chat", $"{{{body},\"stream\":false}}");
        var lines = await OllamaWire.StreamAsync(Http, "/api/chat", $"{{{body}}}");

        foreach (var line in lines[..^1])
        {
            Assert.False(line.GetProperty("done").GetBoolean());
            OllamaWire.AssertCreatedAt(line);
            Assert.Equal("assistant", line.GetProperty("message").GetProperty("role").GetString());
            OllamaWire.AssertType(line.GetProperty("message"), "content", JsonValueKind.String);
        }

        OllamaWire.AssertFinalMetrics(lines[^1]);
        Assert.Equal("", lines[^1].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(whole.GetProperty("message").GetProperty("content").GetString(),
            string.Concat(lines.Select(l => l.GetProperty("message").GetProperty("content").GetString())));
        Assert.Equal(whole.GetProperty("eval_count").GetInt64(), lines[^1].GetProperty("eval_count").GetInt64());
    }

    [ModelFact]
    public async Task Chat_WithHistoryAndTools_IsAnswered()
    {
        var json = """
            {"model":"MODEL","stream":false,GREEDY,
             "messages":[{"role":"user","content":"what is the weather in Toronto?"},
               {"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Toronto"}}}]},
               {"role":"tool","content":"11 degrees celsius","tool_name":"get_weather"}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Get the weather in a given city",
               "parameters":{"type":"object","properties":{"city":{"type":"string","description":"The city to get the weather for"}},"required":["city"]}}}]}
            """.Replace("MODEL", OllamaEngineFixture.Qwen, StringComparison.Ordinal).Replace("GREEDY", Greedy, StringComparison.Ordinal);

        var reply = await OllamaWire.PostAsync(Http, "/api/chat", json);

        Assert.Equal("assistant", reply.GetProperty("message").GetProperty("role").GetString());
        OllamaWire.AssertFinalMetrics(reply);
    }

    [ModelFact]
    public async Task Generate_Streaming_EqualsNoStreaming()
    {
        var body = $"\"model\":\"{OllamaEngineFixture.Stories}\",\"prompt\":\"Once upon a time\",{Greedy}";
        var whole = await OllamaWire.PostAsync(Http, "/api/generate", $"{{{body},\"stream\":false}}");
        var lines = await OllamaWire.StreamAsync(Http, "/api/generate", $"{{{body}}}");

        Assert.Equal(OllamaEngineFixture.Stories, whole.GetProperty("model").GetString());
        OllamaWire.AssertCreatedAt(whole);
        OllamaWire.AssertType(whole, "response", JsonValueKind.String);
        Assert.NotEqual("", whole.GetProperty("response").GetString());
        OllamaWire.AssertFinalMetrics(whole);
        foreach (var line in lines[..^1])
        {
            Assert.False(line.GetProperty("done").GetBoolean());
            OllamaWire.AssertType(line, "response", JsonValueKind.String);
        }

        OllamaWire.AssertFinalMetrics(lines[^1]);
        Assert.Equal("", lines[^1].GetProperty("response").GetString());
        Assert.Equal(whole.GetProperty("response").GetString(), string.Concat(lines.Select(l => l.GetProperty("response").GetString())));
    }

    [ModelFact]
    public async Task Generate_Raw_MatchesTemplatedForARawTemplateModel()
    {
        // The raw fallback template is the prompt itself, so raw and templated generation see the same text.
        var body = $"\"model\":\"{OllamaEngineFixture.Stories}\",\"prompt\":\"Once upon a time\",\"stream\":false,{Greedy}";
        var templated = await OllamaWire.PostAsync(Http, "/api/generate", $"{{{body}}}");
        var raw = await OllamaWire.PostAsync(Http, "/api/generate", $"{{{body},\"raw\":true}}");

        Assert.Equal(templated.GetProperty("response").GetString(), raw.GetProperty("response").GetString());
    }

    [ModelFact]
    public async Task Generate_LoadAModel_IsDoneWithoutText()
    {
        var reply = await OllamaWire.PostAsync(Http, "/api/generate", $"{{\"model\":\"{OllamaEngineFixture.Stories}\"}}");

        Assert.Equal("", reply.GetProperty("response").GetString());
        Assert.True(reply.GetProperty("done").GetBoolean());
        OllamaWire.AssertCreatedAt(reply);
    }

    [ModelFact]
    public async Task Tags_DescribesEachGgufModel()
    {
        var tags = await OllamaWire.GetAsync(Http, "/api/tags");

        var models = tags.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        Assert.Equal([$"{OllamaEngineFixture.Qwen}:latest", $"{OllamaEngineFixture.Stories}:latest"], models.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, model) in models)
        {
            Assert.Equal(name, model.GetProperty("model").GetString());
            OllamaWire.AssertType(model, "modified_at", JsonValueKind.String);
            Assert.True(model.GetProperty("size").GetInt64() > 0);
            Assert.Matches("^[0-9a-f]{64}$", model.GetProperty("digest").GetString());
            AssertDetails(model.GetProperty("details"));
        }

        Assert.Equal("llama", models[$"{OllamaEngineFixture.Stories}:latest"].GetProperty("details").GetProperty("family").GetString());
        Assert.Equal("qwen2", models[$"{OllamaEngineFixture.Qwen}:latest"].GetProperty("details").GetProperty("family").GetString());
        Assert.Equal(new FileInfo(SharedModels.Stories).Length, models[$"{OllamaEngineFixture.Stories}:latest"].GetProperty("size").GetInt64());
    }

    [ModelFact]
    public async Task Show_HasDetailsModelInfoTemplateAndCapabilities()
    {
        var show = await OllamaWire.PostAsync(Http, "/api/show", $"{{\"model\":\"{OllamaEngineFixture.Qwen}\"}}");

        foreach (var name in new[] { "modelfile", "parameters", "template" })
        {
            OllamaWire.AssertType(show, name, JsonValueKind.String);
        }

        Assert.Contains("<|im_start|>", show.GetProperty("template").GetString(), StringComparison.Ordinal);
        AssertDetails(show.GetProperty("details"));
        var info = show.GetProperty("model_info");
        Assert.Equal("qwen2", info.GetProperty("general.architecture").GetString());
        Assert.True(info.GetProperty("general.parameter_count").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Number, info.GetProperty("qwen2.context_length").ValueKind);
        Assert.Empty(info.GetProperty("tokenizer.ggml.tokens").EnumerateArray());
        Assert.Contains("completion", show.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));

        var verbose = await OllamaWire.PostAsync(Http, "/api/show", $"{{\"model\":\"{OllamaEngineFixture.Qwen}\",\"verbose\":true}}");
        Assert.NotEmpty(verbose.GetProperty("model_info").GetProperty("tokenizer.ggml.tokens").EnumerateArray());
    }

    [ModelFact]
    public async Task Ps_ListsLoadedModels()
    {
        var ps = await OllamaWire.GetAsync(Http, "/api/ps");

        Assert.Equal(2, ps.GetProperty("models").GetArrayLength());
        foreach (var model in ps.GetProperty("models").EnumerateArray())
        {
            OllamaWire.AssertType(model, "name", JsonValueKind.String);
            OllamaWire.AssertType(model, "model", JsonValueKind.String);
            Assert.True(model.GetProperty("size").GetInt64() > 0);
            OllamaWire.AssertType(model, "digest", JsonValueKind.String);
            AssertDetails(model.GetProperty("details"));
            Assert.True(DateTimeOffset.Parse(model.GetProperty("expires_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);
            OllamaWire.AssertType(model, "size_vram", JsonValueKind.Number);
        }
    }

    [ModelFact]
    public async Task Version_HasVersion()
    {
        var version = await OllamaWire.GetAsync(Http, "/api/version");

        OllamaWire.AssertType(version, "version", JsonValueKind.String);
    }

    [ModelFact]
    public async Task Error_UnknownModel_HasOllamasShape()
    {
        using var response = await Http.SendAsync(Requests.Post("/api/generate", "{\"model\":\"llama3.2\",\"prompt\":\"Why is the sky blue?\"}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model 'llama3.2' not found", OllamaWire.AssertError(await response.Content.ReadAsStringAsync()));
    }

    private static void AssertDetails(JsonElement details)
    {
        OllamaWire.AssertType(details, "parent_model", JsonValueKind.String);
        Assert.Equal("gguf", details.GetProperty("format").GetString());
        OllamaWire.AssertType(details, "family", JsonValueKind.String);
        OllamaWire.AssertType(details, "families", JsonValueKind.Array);
        Assert.NotEqual("", details.GetProperty("parameter_size").GetString());
        Assert.NotEqual("", details.GetProperty("quantization_level").GetString());
    }
}
