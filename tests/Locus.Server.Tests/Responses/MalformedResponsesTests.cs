using System.Net;
using System.Text;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Responses;

/// <summary>
/// Bad <c>/v1/responses</c> requests, each refused with OpenAI's error shape before reaching the model (the tripwire
/// counts), and the server still answering afterwards.
/// </summary>
public sealed class MalformedResponsesTests(TripwireServerFixture fixture) : IClassFixture<TripwireServerFixture>
{
    private const string Path = "/v1/responses";
    private const string Json = "application/json";

    public static TheoryData<string, string, byte[], int, string?, string?> Cases => new()
    {
        // Body and encoding.
        { "empty body", Path, [], 400, null, "invalid_json" },
        { "invalid UTF-8", Path, [.. U("{\"model\":\"test-model\",\"input\":\""), 0xC3, 0x28, .. U("\"}")], 400, null, "invalid_json" },
        { "root an array", Path, U("[]"), 400, null, "invalid_type" },
        { "body over the limit", Path, U(With($"\"input\":\"{new string('x', MalformedRequestTests.MaxBodyBytes)}\"")), 413, null, "request_too_large" },

        // model and input.
        { "model missing", Path, U("{\"input\":\"hi\"}"), 400, "model", "missing_required_parameter" },
        { "model unknown", Path, U("{\"model\":\"gpt-9\",\"input\":\"hi\"}"), 404, "model", "model_not_found" },
        { "input missing", Path, U(With("\"instructions\":\"x\"")), 400, "input", "missing_required_parameter" },
        { "input a number", Path, U(With("\"input\":3")), 400, "input", "invalid_type" },
        { "input empty array", Path, U(With("\"input\":[]")), 400, "input", "empty_array" },
        { "input lone surrogate", Path, U(With("\"input\":\"a\\ud800b\"")), 400, "input", "invalid_value" },
        { "item not an object", Path, U(With("\"input\":[\"hi\"]")), 400, "input[0]", "invalid_type" },
        { "item type unknown", Path, U(With("\"input\":[{\"type\":\"hologram\"}]")), 400, "input[0].type", "invalid_value" },
        { "item type built-in tool call", Path, U(With("\"input\":[{\"type\":\"web_search_call\",\"id\":\"ws_1\"}]")), 400, "input[0].type", "unsupported_value" },
        { "message role unknown", Path, U(With("\"input\":[{\"role\":\"wizard\",\"content\":\"hi\"}]")), 400, "input[0].role", "invalid_value" },
        { "message role tool", Path, U(With("\"input\":[{\"role\":\"tool\",\"content\":\"hi\"}]")), 400, "input[0].role", "invalid_value" },
        { "message content missing", Path, U(With("\"input\":[{\"role\":\"user\"}]")), 400, "input[0].content", "missing_required_parameter" },
        { "message content a number", Path, U(With("\"input\":[{\"role\":\"user\",\"content\":1}]")), 400, "input[0].content", "invalid_type" },
        { "content part image", Path, U(With("\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\",\"image_url\":\"http://x/y.png\"}]}]")), 400, "input[0].content[0].type", "unsupported_value" },
        { "content part text not a string", Path, U(With("\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":5}]}]")), 400, "input[0].content[0].text", "invalid_type" },
        { "content part lone surrogate", Path, U(With("\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"\\udc00\"}]}]")), 400, "input[0].content[0].text", "invalid_value" },
        { "function_call_output without call_id", Path, U(With("\"input\":[{\"type\":\"function_call_output\",\"output\":\"x\"}]")), 400, "input[0].call_id", "missing_required_parameter" },
        { "function_call_output answering no call", Path, U(With("\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"x\"}]")), 400, "input[0].call_id", "invalid_value" },
        { "function_call_output output a number", Path, U(With("\"input\":[" + Call + ",{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":5}]")), 400, "input[1].output", "invalid_type" },
        { "function_call without name", Path, U(With("\"input\":[{\"type\":\"function_call\",\"call_id\":\"c1\",\"arguments\":\"{}\"}]")), 400, "input[0].name", "missing_required_parameter" },
        { "function_call arguments an object", Path, U(With("\"input\":[{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\",\"arguments\":{}}]")), 400, "input[0].arguments", "invalid_type" },
        { "function_call arguments not JSON", Path, U(With("\"input\":[{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\",\"arguments\":\"{oops\"}]")), 400, "input[0].arguments", "invalid_value" },

        // Fields.
        { "previous_response_id unknown", Path, U(With("\"input\":\"hi\",\"previous_response_id\":\"resp_nope\"")), 400, "previous_response_id", "previous_response_not_found" },
        { "previous_response_id a number", Path, U(With("\"input\":\"hi\",\"previous_response_id\":7")), 400, "previous_response_id", "invalid_type" },
        { "instructions a number", Path, U(With("\"input\":\"hi\",\"instructions\":7")), 400, "instructions", "invalid_type" },
        { "temperature above 2", Path, U(With("\"input\":\"hi\",\"temperature\":3")), 400, "temperature", "invalid_value" },
        { "max_output_tokens zero", Path, U(With("\"input\":\"hi\",\"max_output_tokens\":0")), 400, "max_output_tokens", "invalid_value" },
        { "store a string", Path, U(With("\"input\":\"hi\",\"store\":\"yes\"")), 400, "store", "invalid_type" },
        { "stream a number", Path, U(With("\"input\":\"hi\",\"stream\":1")), 400, "stream", "invalid_type" },
        { "metadata value a number", Path, U(With("\"input\":\"hi\",\"metadata\":{\"k\":1}")), 400, "metadata.k", "invalid_type" },
        { "tools not an array", Path, U(With("\"input\":\"hi\",\"tools\":{}")), 400, "tools", "invalid_type" },
        { "tool unknown type", Path, U(With("\"input\":\"hi\",\"tools\":[{\"type\":\"telepathy\"}]")), 400, "tools[0].type", "invalid_value" },
        { "namespace tool without tools", Path, U(With("\"input\":\"hi\",\"tools\":[{\"type\":\"namespace\",\"name\":\"n\"}]")), 400, "tools[0].tools", "missing_required_parameter" },
        { "namespace tool holding a namespace", Path, U(With("\"input\":\"hi\",\"tools\":[{\"type\":\"namespace\",\"name\":\"n\",\"tools\":[{\"type\":\"namespace\",\"name\":\"m\",\"tools\":[]}]}]")), 400, "tools[0].tools[0].type", "invalid_value" },
        { "tool chat-shaped (nested function)", Path, U(With("\"input\":\"hi\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]")), 400, "tools[0].name", "missing_required_parameter" },
        { "tool_choice names no tool", Path, U(With("\"input\":\"hi\",\"tools\":[" + Tool + "],\"tool_choice\":{\"type\":\"function\",\"name\":\"g\"}")), 400, "tool_choice.name", "invalid_value" },
        { "tool_choice required without tools", Path, U(With("\"input\":\"hi\",\"tool_choice\":\"required\"")), 400, "tool_choice", "invalid_value" },
        { "text.format type unknown", Path, U(With("\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"yaml\"}}")), 400, "text.format.type", "invalid_value" },
        { "text.format json_schema without schema", Path, U(With("\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"x\"}}")), 400, "text.format.schema", "missing_required_parameter" },
        { "text.format json_schema bad name", Path, U(With("\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"a b\",\"schema\":{}}}")), 400, "text.format.name", "invalid_value" },
        { "background true", Path, U(With("\"input\":\"hi\",\"background\":true")), 400, "background", "unsupported_parameter" },
        { "GET unknown id", "/v1/responses/resp_unknown", [], 404, "response_id", "response_not_found" },
    };

    private const string Call = "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\",\"arguments\":\"{}\"}";
    private const string Tool = "{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}";

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_Malformed_GetsOpenAIErrorAndServerStaysUp(string name, string path, byte[] body, int status, string? param, string? code)
    {
        var reachedBefore = fixture.Catalog.Reached;
        var method = path == Path ? HttpMethod.Post : HttpMethod.Get;
        using var request = Requests.Create(method, path, method == HttpMethod.Get ? null : body, Json);
        using var response = await fixture.Server.Http.SendAsync(request);

        var error = await OpenAIError.AssertAsync(response, (HttpStatusCode)status, param, code);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.True(fixture.Catalog.Reached == reachedBefore, $"{name}: validation let the request reach the model");
        using var health = await fixture.Server.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void Cases_AreAtLeastTwentyAndDistinct()
    {
        var names = Cases.Select(row => (string)row[0]).ToList();
        Assert.True(names.Count >= 20, $"only {names.Count} cases");
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    private static string With(string members) => $"{{\"model\":\"test-model\",{members}}}";

    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);
}
