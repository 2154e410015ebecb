using System.Net;
using System.Text;
using System.Text.Json;
using Locus.Server.Tests.Anthropic;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Tools;

/// <summary>
/// Tool calls from a local model with random weights, through both APIs, streaming and not. The weights cannot be
/// trusted to write anything sensible, so every call that comes back is checked against the tool's declared schema.
/// </summary>
[Collection(QwenEngineCollection.Name)]
public sealed class LocalToolCallingTests(QwenEngineFixture engine)
{
    internal const string WeatherSchema = """
        {"type":"object","properties":{"city":{"type":"string","maxLength":24},"unit":{"enum":["celsius","fahrenheit"]},
         "days":{"type":"integer","minimum":1,"maximum":7}},"required":["city","unit"],"additionalProperties":false}
        """;

    internal const string SearchSchema = """
        {"type":"object","properties":{"query":{"type":"string","maxLength":32},"limit":{"type":"integer","minimum":1,"maximum":10},
         "exact":{"type":"boolean"}},"required":["query"],"additionalProperties":false}
        """;

    internal static readonly string OpenAITools =
        """[{"type":"function","function":{"name":"get_weather","description":"Current weather in a city","parameters":""" + WeatherSchema + "}}," +
        """{"type":"function","function":{"name":"search","description":"Search the web","parameters":""" + SearchSchema + "}}]";

    internal static readonly string AnthropicTools =
        """[{"name":"get_weather","description":"Current weather in a city","input_schema":""" + WeatherSchema + "}," +
        """{"name":"search","description":"Search the web","input_schema":""" + SearchSchema + "}]";

    private const string Question = """[{"role":"user","content":"What is the weather in Paris?"}]""";

    [ModelTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatCompletions_ToolChoiceRequired_CallsATool_ArgumentsMatchItsSchema(bool stream)
    {
        var calls = await OpenAICallsAsync(""" "tool_choice":"required" """, stream, seed: 11);

        var call = Assert.Single(calls);
        ToolSchemaAssert.Valid(call.Name, call.Arguments);
    }

    [ModelTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatCompletions_NamedToolChoice_CallsThatTool(bool stream)
    {
        var calls = await OpenAICallsAsync(""" "tool_choice":{"type":"function","function":{"name":"search"}} """, stream, seed: 5);

        var call = Assert.Single(calls);
        Assert.Equal("search", call.Name);
        ToolSchemaAssert.Valid(call.Name, call.Arguments);
    }

    [ModelTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ChatCompletions_StreamingAndNot_SameSeed_SameCall(int seed)
    {
        var whole = await OpenAICallsAsync(""" "tool_choice":"required" """, stream: false, seed);
        var streamed = await OpenAICallsAsync(""" "tool_choice":"required" """, stream: true, seed);

        Assert.Equal(whole.Select(c => (c.Name, c.Arguments)), streamed.Select(c => (c.Name, c.Arguments)));
    }

    [ModelTheory]
    [InlineData(4)]
    [InlineData(6)]
    public async Task Messages_StreamingAndNot_SameSeed_SameToolUse(int seed)
    {
        const string choice = """{"type":"any","disable_parallel_tool_use":true}""";
        var whole = await AnthropicCallsAsync(choice, stream: false, seed);
        var streamed = await AnthropicCallsAsync(choice, stream: true, seed);

        // The non-streamed input is the parsed object; the streamed one is the text as written: compare them as JSON.
        Assert.Equal(whole.Select(c => (c.Name, Compact(c.Arguments))), streamed.Select(c => (c.Name, Compact(c.Arguments))));
    }

    [ModelTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task ChatCompletions_ToolChoiceAuto_AnswersOrCallsValidly(int seed)
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions", $$"""
            {"model":"{{QwenEngineFixture.ModelId}}","messages":{{Question}},"tools":{{OpenAITools}},"tool_choice":"auto",
             "parallel_tool_calls":false,"max_tokens":200,"temperature":0.9,"seed":{{seed}}}
            """));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choice = JsonDocument.Parse(body).RootElement.GetProperty("choices")[0];
        var finish = choice.GetProperty("finish_reason").GetString();
        if (choice.GetProperty("message").TryGetProperty("tool_calls", out var calls))
        {
            Assert.Equal("tool_calls", finish);
            var call = Assert.Single(calls.EnumerateArray()).GetProperty("function");
            ToolSchemaAssert.Valid(call.GetProperty("name").GetString()!, call.GetProperty("arguments").GetString()!);
        }
        else
        {
            // The model chose to answer: the generic {"response": ...} envelope is unwrapped, never shown as JSON. (A
            // random model's answer string may run to max_tokens.)
            Assert.Contains(finish, new[] { "stop", "length" });
            Assert.False(choice.GetProperty("message").GetProperty("content").GetString()!.StartsWith("{\"response\"", StringComparison.Ordinal), body);
        }
    }

    [ModelTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Messages_ToolChoiceAny_ToolUseMatchesItsSchema(bool stream)
    {
        var calls = await AnthropicCallsAsync("""{"type":"any","disable_parallel_tool_use":true}""", stream, seed: 3);

        var call = Assert.Single(calls);
        ToolSchemaAssert.Valid(call.Name, call.Arguments);
    }

    [ModelTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Messages_NamedTool_UsesThatTool(bool stream)
    {
        var calls = await AnthropicCallsAsync("""{"type":"tool","name":"get_weather","disable_parallel_tool_use":true}""", stream, seed: 8);

        var call = Assert.Single(calls);
        Assert.Equal("get_weather", call.Name);
        ToolSchemaAssert.Valid(call.Name, call.Arguments);
    }

    [ModelTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatCompletions_ParallelCallsAllowed_EveryCallMatchesItsSchema(bool stream)
    {
        var calls = await OpenAICallsAsync(""" "tool_choice":"required","parallel_tool_calls":true """, stream, seed: 31, maxTokens: 400);

        Assert.NotEmpty(calls);
        Assert.All(calls, call => ToolSchemaAssert.Valid(call.Name, call.Arguments));
        Assert.Equal(calls.Count, calls.Select(c => c.Id).Distinct().Count());
    }

    [ModelFact]
    public async Task ChatCompletions_CallThenResultThenAnswer_RoundTrip()
    {
        var call = Assert.Single(await OpenAICallsAsync(""" "tool_choice":"required" """, stream: false, seed: 21));
        var history = $$"""
            [{"role":"user","content":"What is the weather in Paris?"},
             {"role":"assistant","content":null,"tool_calls":[{{ToolCallJson(call)}}]},
             {"role":"tool","tool_call_id":"{{call.Id}}","content":"18 degrees and sunny"}]
            """;

        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions", $$"""
            {"model":"{{QwenEngineFixture.ModelId}}","messages":{{history}},"tools":{{OpenAITools}},"tool_choice":"none",
             "max_tokens":12,"temperature":0}
            """));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choice = JsonDocument.Parse(body).RootElement.GetProperty("choices")[0];
        Assert.False(choice.GetProperty("message").TryGetProperty("tool_calls", out _), body);
        Assert.False(string.IsNullOrEmpty(choice.GetProperty("message").GetProperty("content").GetString()), body);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() > 20);
    }

    [ModelFact]
    public async Task Messages_ToolUseThenToolResultThenAnswer_RoundTrip()
    {
        var call = Assert.Single(await AnthropicCallsAsync("""{"type":"any","disable_parallel_tool_use":true}""", stream: false, seed: 4));
        var history = $$"""
            [{"role":"user","content":"What is the weather in Paris?"},
             {"role":"assistant","content":[{"type":"tool_use","id":"{{call.Id}}","name":"{{call.Name}}","input":{{call.Arguments}}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"{{call.Id}}","content":"18 degrees and sunny"}]}]
            """;

        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/messages", $$"""
            {"model":"{{QwenEngineFixture.ModelId}}","messages":{{history}},"tools":{{AnthropicTools}},"tool_choice":{"type":"none"},
             "max_tokens":12,"temperature":0}
            """));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var content = JsonDocument.Parse(body).RootElement.GetProperty("content");
        Assert.All(content.EnumerateArray(), block => Assert.Equal("text", block.GetProperty("type").GetString()));
        Assert.NotEqual("tool_use", JsonDocument.Parse(body).RootElement.GetProperty("stop_reason").GetString());
    }

    internal sealed record Call(string Id, string Name, string Arguments);

    private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    private static string ToolCallJson(Call call) => JsonSerializer.Serialize(new
    {
        id = call.Id,
        type = "function",
        function = new { name = call.Name, arguments = call.Arguments },
    });

    private async Task<List<Call>> OpenAICallsAsync(string choice, bool stream, int seed, int maxTokens = 160)
    {
        // One call unless the case asks for parallel calls (random weights would otherwise go on adding calls).
        var parallel = choice.Contains("parallel_tool_calls", StringComparison.Ordinal) ? "" : "\"parallel_tool_calls\":false,";
        var json = $$"""
            {"model":"{{QwenEngineFixture.ModelId}}","messages":{{Question}},"tools":{{OpenAITools}},{{choice}},{{parallel}}
             "max_tokens":{{maxTokens}},"temperature":0.9,"seed":{{seed}},"stream":{{(stream ? "true" : "false")}}}
            """;
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions", json), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (!stream)
        {
            var body = await response.Content.ReadAsStringAsync();
            var choice0 = JsonDocument.Parse(body).RootElement.GetProperty("choices")[0];
            Assert.Equal("tool_calls", choice0.GetProperty("finish_reason").GetString());
            return choice0.GetProperty("message").GetProperty("tool_calls").EnumerateArray()
                .Select(c => new Call(c.GetProperty("id").GetString()!, c.GetProperty("function").GetProperty("name").GetString()!,
                    c.GetProperty("function").GetProperty("arguments").GetString()!))
                .ToList();
        }

        var calls = new SortedDictionary<int, (string Id, string Name, StringBuilder Arguments)>();
        string? finish = null;
        foreach (var chunk in SseEvents.Json((await SseEvents.ReadAsync(response)).Where(e => e != SseEvents.Done)))
        {
            var delta = chunk.GetProperty("choices")[0];
            if (delta.TryGetProperty("finish_reason", out var f) && f.ValueKind == JsonValueKind.String)
            {
                finish = f.GetString();
            }

            if (!delta.GetProperty("delta").TryGetProperty("tool_calls", out var pieces))
            {
                continue;
            }

            foreach (var piece in pieces.EnumerateArray())
            {
                var index = piece.GetProperty("index").GetInt32();
                if (!calls.TryGetValue(index, out var call))
                {
                    call = (piece.GetProperty("id").GetString()!, piece.GetProperty("function").GetProperty("name").GetString()!, new StringBuilder());
                    calls[index] = call;
                }

                if (piece.GetProperty("function").TryGetProperty("arguments", out var arguments))
                {
                    call.Arguments.Append(arguments.GetString());
                }
            }
        }

        Assert.Equal("tool_calls", finish);
        return calls.Values.Select(c => new Call(c.Id, c.Name, c.Arguments.ToString())).ToList();
    }

    private async Task<List<Call>> AnthropicCallsAsync(string choice, bool stream, int seed)
    {
        var json = $$"""
            {"model":"{{QwenEngineFixture.ModelId}}","messages":{{Question}},"tools":{{AnthropicTools}},"tool_choice":{{choice}},
             "max_tokens":160,"temperature":0.9,"seed":{{seed}},"stream":{{(stream ? "true" : "false")}}}
            """;
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/messages", json), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (!stream)
        {
            var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("tool_use", message.GetProperty("stop_reason").GetString());
            return message.GetProperty("content").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "tool_use")
                .Select(b => new Call(b.GetProperty("id").GetString()!, b.GetProperty("name").GetString()!, b.GetProperty("input").GetRawText()))
                .ToList();
        }

        var calls = new SortedDictionary<int, (string Id, string Name, StringBuilder Arguments)>();
        string? stop = null;
        foreach (var e in (await AnthropicSse.ReadAsync(response)).Select(e => e.Data))
        {
            switch (e.GetProperty("type").GetString())
            {
                case "content_block_start" when e.GetProperty("content_block").GetProperty("type").GetString() == "tool_use":
                    var block = e.GetProperty("content_block");
                    calls[e.GetProperty("index").GetInt32()] = (block.GetProperty("id").GetString()!, block.GetProperty("name").GetString()!, new StringBuilder());
                    break;
                case "content_block_delta" when e.GetProperty("delta").GetProperty("type").GetString() == "input_json_delta":
                    calls[e.GetProperty("index").GetInt32()].Arguments.Append(e.GetProperty("delta").GetProperty("partial_json").GetString());
                    break;
                case "message_delta":
                    stop = e.GetProperty("delta").GetProperty("stop_reason").GetString();
                    break;
            }
        }

        Assert.Equal("tool_use", stop);
        return calls.Values.Select(c => new Call(c.Id, c.Name, c.Arguments.ToString())).ToList();
    }
}
