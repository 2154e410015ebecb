using System.Net;
using System.Text;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Anthropic;

/// <summary>
/// Bad /v1/messages requests: each gets Anthropic's error body with the right status and type, and a message naming
/// the field; none reaches the model, none is a 500.
/// </summary>
public sealed class MalformedMessagesTests(TripwireServerFixture fixture) : IClassFixture<TripwireServerFixture>
{
    private const string Json = "application/json";
    private const string User = """{"role":"user","content":"hi"}""";
    private const string Tool = """{"name":"get_weather","input_schema":{"type":"object"}}""";

    public static TheoryData<string, byte[], string?, int, string, string?> Cases => new()
    {
        // body, encoding, size
        { "empty body", [], Json, 400, "invalid_request_error", null },
        { "truncated JSON", U("{\"model\":"), Json, 400, "invalid_request_error", null },
        { "root an array", U("[]"), Json, 400, "invalid_request_error", null },
        { "text/plain", U(With("")), "text/plain", 415, "invalid_request_error", null },
        { "over the size limit", U(With($",\"metadata\":{{\"user_id\":\"{new string('x', MalformedRequestTests.MaxBodyBytes)}\"}}")), Json, 413, "request_too_large", null },

        // model, max_tokens, messages
        { "model missing", U($$"""{"max_tokens":5,"messages":[{{User}}]}"""), Json, 400, "invalid_request_error", "model" },
        { "model unknown", U($$"""{"model":"claude-9","max_tokens":5,"messages":[{{User}}]}"""), Json, 404, "not_found_error", "model" },
        { "max_tokens missing", U($$"""{"model":"test-model","messages":[{{User}}]}"""), Json, 400, "invalid_request_error", "max_tokens" },
        { "max_tokens zero", U(With(",\"max_tokens\":0", maxTokens: false)), Json, 400, "invalid_request_error", "max_tokens" },
        { "max_tokens a string", U(With(",\"max_tokens\":\"5\"", maxTokens: false)), Json, 400, "invalid_request_error", "max_tokens" },
        { "messages missing", U("""{"model":"test-model","max_tokens":5}"""), Json, 400, "invalid_request_error", "messages" },
        { "messages empty", U(Messages("")), Json, 400, "invalid_request_error", "messages" },
        { "message not an object", U(Messages("1")), Json, 400, "invalid_request_error", "messages[0]" },
        { "only a system entry", U(Messages("""{"role":"system","content":"x"}""")), Json, 400, "invalid_request_error", "messages" },
        { "system entry content a number", U(Messages($$"""{{User}},{"role":"system","content":1}""")), Json, 400, "invalid_request_error", "messages[1].content" },
        { "role tool", U(Messages("""{"role":"tool","content":"x"}""")), Json, 400, "invalid_request_error", "messages[0].role" },
        { "content missing", U(Messages("""{"role":"user"}""")), Json, 400, "invalid_request_error", "messages[0].content" },
        { "content a number", U(Messages("""{"role":"user","content":1}""")), Json, 400, "invalid_request_error", "messages[0].content" },
        { "content empty string", U(Messages("""{"role":"user","content":""}""")), Json, 400, "invalid_request_error", "messages[0].content" },
        { "content empty array", U(Messages("""{"role":"user","content":[]}""")), Json, 400, "invalid_request_error", "messages[0].content" },
        { "block not an object", U(Messages("""{"role":"user","content":["hi"]}""")), Json, 400, "invalid_request_error", "messages[0].content[0]" },
        { "block type missing", U(Messages("""{"role":"user","content":[{"text":"hi"}]}""")), Json, 400, "invalid_request_error", "messages[0].content[0].type" },
        { "block type unknown", U(Messages("""{"role":"user","content":[{"type":"video"}]}""")), Json, 400, "invalid_request_error", "messages[0].content[0].type" },
        { "text block empty", U(Messages("""{"role":"user","content":[{"type":"text","text":""}]}""")), Json, 400, "invalid_request_error", "messages[0].content[0].text" },
        { "text block text a number", U(Messages("""{"role":"user","content":[{"type":"text","text":3}]}""")), Json, 400, "invalid_request_error", "messages[0].content[0].text" },
        { "image block", U(Messages("""{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AA=="}}]}""")), Json, 400, "invalid_request_error", "messages[0].content[0].type" },
        { "document block", U(Messages("""{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"x"}}]}""")), Json, 400, "invalid_request_error", "messages[0].content[0].type" },
        { "tool_use in a user message", U(Messages("""{"role":"user","content":[{"type":"tool_use","id":"t","name":"f","input":{}}]}""")), Json, 400, "invalid_request_error", "messages[0].content[0]" },
        { "tool_use input a string", U(Messages("""{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"f","input":"{}"}]}""")), Json, 400, "invalid_request_error", "messages[0].content[0].input" },
        { "tool_use without id", U(Messages("""{"role":"assistant","content":[{"type":"tool_use","name":"f","input":{}}]}""")), Json, 400, "invalid_request_error", "messages[0].content[0].id" },
        { "tool_result answering nothing", U(Messages("""{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"x"}]}""")), Json, 400, "invalid_request_error", "messages[0].content[0].tool_use_id" },
        { "tool_result in an assistant message", U(Messages("""{"role":"assistant","content":[{"type":"tool_result","tool_use_id":"t"}]}""")), Json, 400, "invalid_request_error", "messages[0].content[0]" },
        { "tool_result with an image", U(Messages("""{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"f","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[{"type":"image","source":{}}]}]}""")), Json, 400, "invalid_request_error", "messages[1].content[0].content[0].type" },
        { "tool_result is_error a string", U(Messages("""{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"f","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","is_error":"yes"}]}""")), Json, 400, "invalid_request_error", "messages[1].content[0].is_error" },
        { "thinking block in a user turn", U(Messages("""{"role":"user","content":[{"type":"thinking","thinking":"hm","signature":"s"}]}""")), Json, 400, "invalid_request_error", "messages[0].content[0].type" },

        // system and sampling
        { "system a number", U(With(",\"system\":1")), Json, 400, "invalid_request_error", "system" },
        { "system block an image", U(With(",\"system\":[{\"type\":\"image\"}]")), Json, 400, "invalid_request_error", "system[0].type" },
        { "temperature above 1", U(With(",\"temperature\":1.5")), Json, 400, "invalid_request_error", "temperature" },
        { "top_p zero", U(With(",\"top_p\":0")), Json, 400, "invalid_request_error", "top_p" },
        { "top_k negative", U(With(",\"top_k\":-1")), Json, 400, "invalid_request_error", "top_k" },
        { "stop_sequences a string", U(With(",\"stop_sequences\":\"END\"")), Json, 400, "invalid_request_error", "stop_sequences" },
        { "stop_sequences blank entry", U(With(",\"stop_sequences\":[\"a\",\" \"]")), Json, 400, "invalid_request_error", "stop_sequences[1]" },
        { "OpenAI's stop", U(With(",\"stop\":[\"a\"]")), Json, 400, "invalid_request_error", "stop" },
        { "stream a string", U(With(",\"stream\":\"yes\"")), Json, 400, "invalid_request_error", "stream" },
        { "metadata a string", U(With(",\"metadata\":\"x\"")), Json, 400, "invalid_request_error", "metadata" },
        { "thinking type unknown", U(With(",\"thinking\":{\"type\":\"always\"}")), Json, 400, "invalid_request_error", "thinking.type" },
        { "thinking budget below 1024", U(With(",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":10}")), Json, 400, "invalid_request_error", "thinking.budget_tokens" },
        { "thinking budget a string", U(With(",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":\"2k\"}")), Json, 400, "invalid_request_error", "thinking.budget_tokens" },
        { "context_management a string", U(With(",\"context_management\":\"auto\"")), Json, 400, "invalid_request_error", "context_management" },

        // tools
        { "tools an object", U(With(",\"tools\":{}")), Json, 400, "invalid_request_error", "tools" },
        { "tool without name", U(With(",\"tools\":[{\"input_schema\":{\"type\":\"object\"}}]")), Json, 400, "invalid_request_error", "tools[0].name" },
        { "tool name with a dot", U(With(",\"tools\":[{\"name\":\"a.b\",\"input_schema\":{}}]")), Json, 400, "invalid_request_error", "tools[0].name" },
        { "tool without input_schema", U(With(",\"tools\":[{\"name\":\"f\"}]")), Json, 400, "invalid_request_error", "tools[0].input_schema" },
        { "tool schema of type array", U(With(",\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"array\"}}]")), Json, 400, "invalid_request_error", "tools[0].input_schema" },
        { "tool names repeated", U(With($",\"tools\":[{Tool},{Tool}]")), Json, 400, "invalid_request_error", "tools[1].name" },
        { "server tool", U(With(",\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]")), Json, 400, "invalid_request_error", "tools[0].type" },
        { "tool_choice a string", U(With($",\"tools\":[{Tool}],\"tool_choice\":\"auto\"")), Json, 400, "invalid_request_error", "tool_choice" },
        { "tool_choice type unknown", U(With($",\"tools\":[{Tool}],\"tool_choice\":{{\"type\":\"required\"}}")), Json, 400, "invalid_request_error", "tool_choice.type" },
        { "tool_choice any without tools", U(With(",\"tool_choice\":{\"type\":\"any\"}")), Json, 400, "invalid_request_error", "tool_choice" },
        { "tool_choice tool unknown", U(With($",\"tools\":[{Tool}],\"tool_choice\":{{\"type\":\"tool\",\"name\":\"nope\"}}")), Json, 400, "invalid_request_error", "tool_choice.name" },
        { "tool_choice tool without name", U(With($",\"tools\":[{Tool}],\"tool_choice\":{{\"type\":\"tool\"}}")), Json, 400, "invalid_request_error", "tool_choice.name" },
        { "tool strict a string", U(With(",\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\"},\"strict\":\"yes\"}]")), Json, 400, "invalid_request_error", "tools[0].strict" },

        // structured output
        { "output_config a string", U(With(",\"output_config\":\"json\"")), Json, 400, "invalid_request_error", "output_config" },
        { "output_config.format type text", U(With(",\"output_config\":{\"format\":{\"type\":\"text\"}}")), Json, 400, "invalid_request_error", "output_config.format.type" },
        { "output_config.format without schema", U(With(",\"output_config\":{\"format\":{\"type\":\"json_schema\"}}")), Json, 400, "invalid_request_error", "output_config.format.schema" },
        { "output_config.format schema a string", U(With(",\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":\"{}\"}}")), Json, 400, "invalid_request_error", "output_config.format.schema" },
        { "output_format without type", U(With(",\"output_format\":{\"schema\":{}}")), Json, 400, "invalid_request_error", "output_format.type" },
        { "output_format schema an array", U(With(",\"output_format\":{\"type\":\"json_schema\",\"schema\":[]}")), Json, 400, "invalid_request_error", "output_format.schema" },
        { "output_format and output_config.format", U(With(",\"output_format\":{\"type\":\"json_schema\",\"schema\":{}},\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":{}}}")), Json, 400, "invalid_request_error", "output_format" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Messages_Malformed_GetsAnthropicErrorNamingTheField(string name, byte[] body, string? contentType, int status, string type, string? param)
    {
        var reachedBefore = fixture.Catalog.Reached;
        using var request = Requests.Create(HttpMethod.Post, "/v1/messages", body, contentType);

        using var response = await fixture.Server.Http.SendAsync(request);

        var error = await AnthropicError.AssertAsync(response, (HttpStatusCode)status, type);
        if (param is not null)
        {
            Assert.Contains(param, error.GetProperty("message").GetString()!, StringComparison.Ordinal);
        }

        Assert.True(fixture.Catalog.Reached == reachedBefore, $"{name}: validation let the request reach the model");
    }

    [Fact]
    public void Cases_AreManyAndDistinct()
    {
        var names = Cases.Select(row => (string)row[0]).ToList();
        Assert.True(names.Count >= 40, $"only {names.Count} cases");
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory]
    [InlineData("GET", "/v1/messages", 405, "invalid_request_error")]
    [InlineData("POST", "/v1/messages/batches", 404, "not_found_error")]
    public async Task Messages_WrongRoute_GetsAnthropicError(string method, string path, int status, string type)
    {
        using var request = Requests.Create(new HttpMethod(method), path, method == "GET" ? null : U("{}"), Json);

        using var response = await fixture.Server.Http.SendAsync(request);

        await AnthropicError.AssertAsync(response, (HttpStatusCode)status, type);
    }

    [Fact]
    public async Task Messages_ValidRequestWithEveryOptionalField_PassesValidation()
    {
        var json = $$$"""
            {"model":"test-model","max_tokens":5,"system":"be brief","stream":false,"temperature":1,"top_p":1,"top_k":0,
             "stop_sequences":[],"metadata":{"user_id":null},"thinking":{"type":"disabled"},"service_tier":"auto",
             "tools":[{{{Tool}}},{"type":"custom","name":"t2","description":"d","input_schema":{"type":"object","properties":{}},"cache_control":{"type":"ephemeral"}}],
             "tool_choice":{"type":"auto","disable_parallel_tool_use":true},
             "messages":[{"role":"user","content":[{"type":"text","text":"weather?","cache_control":{"type":"ephemeral"}}]},
                         {"role":"assistant","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
                         {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"18 C"}],"is_error":false},{"type":"text","text":"thanks"}]},
                         {"role":"assistant","content":""}]}
            """;
        var reachedBefore = fixture.Catalog.Reached;

        using var response = await fixture.Server.Http.SendAsync(Requests.Post("/v1/messages", json));

        // The tripwire model throws once reached, which the server reports as a 500 api_error.
        await AnthropicError.AssertAsync(response, HttpStatusCode.InternalServerError, "api_error");
        Assert.Equal(reachedBefore + 1, fixture.Catalog.Reached);
    }

    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    private static string With(string extra, bool maxTokens = true) =>
        "{\"model\":\"test-model\"," + (maxTokens ? "\"max_tokens\":5," : "") + "\"messages\":[" + User + "]" + extra + "}";

    private static string Messages(string messages) => "{\"model\":\"test-model\",\"max_tokens\":5,\"messages\":[" + messages + "]}";
}
