using System.Net;
using System.Text;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Anthropic;

/// <summary>
/// Bad /v1/messages/count_tokens requests: each gets Anthropic's error body with the right status and type, and a
/// message naming the field; none reaches the model, the server stays up.
/// </summary>
public sealed class MalformedCountTokensTests(TripwireServerFixture fixture) : IClassFixture<TripwireServerFixture>
{
    private const string Json = "application/json";
    private const string Path = "/v1/messages/count_tokens";
    private const string User = """{"role":"user","content":"hi"}""";
    private const string Invalid = "invalid_request_error";

    public static TheoryData<string, byte[], string?, int, string, string?> Cases => new()
    {
        { "empty body", [], Json, 400, Invalid, null },
        { "truncated JSON", U("{\"model\":"), Json, 400, Invalid, null },
        { "root a string", U("\"count\""), Json, 400, Invalid, null },
        { "invalid UTF-8", [.. U("{\"model\":\"test-model\",\"messages\":[{\"role\":\"user\",\"content\":\""), 0xC3, 0x28, .. U("\"}]}")], Json, 400, Invalid, null },
        { "lone surrogate escape", U(Messages("""{"role":"user","content":"\ud800"}""")), Json, 400, Invalid, "messages[0].content" },
        { "duplicate property", U("""{"model":"test-model","model":"test-model","messages":[{"role":"user","content":"hi"}]}"""), Json, 400, Invalid, null },
        { "text/plain", U(Messages(User)), "text/plain", 415, Invalid, null },
        { "over the size limit", U(Messages($$"""{"role":"user","content":"{{new string('x', MalformedRequestTests.MaxBodyBytes)}}"}""")), Json, 413, "request_too_large", null },
        { "model missing", U($$"""{"messages":[{{User}}]}"""), Json, 400, Invalid, "model" },
        { "model a number", U($$"""{"model":7,"messages":[{{User}}]}"""), Json, 400, Invalid, "model" },
        { "model unknown", U($$"""{"model":"claude-9","messages":[{{User}}]}"""), Json, 404, "not_found_error", "model" },
        { "messages missing", U("""{"model":"test-model"}"""), Json, 400, Invalid, "messages" },
        { "messages an object", U("""{"model":"test-model","messages":{}}"""), Json, 400, Invalid, "messages" },
        { "messages empty", U(Messages("")), Json, 400, Invalid, "messages" },
        { "only system entries", U(Messages("""{"role":"system","content":"x"}""")), Json, 400, Invalid, "messages" },
        { "system entry content a number", U(Messages($$"""{{User}},{"role":"system","content":1}""")), Json, 400, Invalid, "messages[1].content" },
        { "system entry with an image", U(Messages($$"""{{User}},{"role":"system","content":[{"type":"image"}]}""")), Json, 400, Invalid, "messages[1].content[0].type" },
        { "role unknown", U(Messages("""{"role":"developer","content":"x"}""")), Json, 400, Invalid, "messages[0].role" },
        { "content block unknown", U(Messages("""{"role":"user","content":[{"type":"video"}]}""")), Json, 400, Invalid, "messages[0].content[0].type" },
        { "thinking block in a user turn", U(Messages("""{"role":"user","content":[{"type":"thinking","thinking":"x"}]}""")), Json, 400, Invalid, "messages[0].content[0].type" },
        { "system a number", U(With(",\"system\":1")), Json, 400, Invalid, "system" },
        { "system block without text", U(With(",\"system\":[{\"type\":\"text\"}]")), Json, 400, Invalid, "system[0].text" },
        { "tools a string", U(With(",\"tools\":\"Read\"")), Json, 400, Invalid, "tools" },
        { "tool without input_schema", U(With(",\"tools\":[{\"name\":\"Read\"}]")), Json, 400, Invalid, "tools[0].input_schema" },
        { "tool name with a space", U(With(",\"tools\":[{\"name\":\"Read File\",\"input_schema\":{\"type\":\"object\"}}]")), Json, 400, Invalid, "tools[0].name" },
        { "tool_choice any without tools", U(With(",\"tool_choice\":{\"type\":\"any\"}")), Json, 400, Invalid, "tool_choice" },
        { "thinking a string", U(With(",\"thinking\":\"on\"")), Json, 400, Invalid, "thinking" },
        { "context_management an array", U(With(",\"context_management\":[]")), Json, 400, Invalid, "context_management" },
        { "output_config a number", U(With(",\"output_config\":1")), Json, 400, Invalid, "output_config" },
        { "output_config.format type text", U(With(",\"output_config\":{\"format\":{\"type\":\"text\"}}")), Json, 400, Invalid, "output_config.format.type" },
        { "huge nesting", U(With(",\"metadata\":" + new string('[', 200) + new string(']', 200))), Json, 400, Invalid, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CountTokens_Malformed_GetsAnthropicErrorNamingTheField(string name, byte[] body, string? contentType, int status, string type, string? param)
    {
        var reachedBefore = fixture.Catalog.Reached;
        using var request = Requests.Create(HttpMethod.Post, Path, body, contentType);

        using var response = await fixture.Server.Http.SendAsync(request);

        var error = await AnthropicError.AssertAsync(response, (HttpStatusCode)status, type);
        if (param is not null)
        {
            Assert.Contains(param, error.GetProperty("message").GetString()!, StringComparison.Ordinal);
        }

        Assert.True(fixture.Catalog.Reached == reachedBefore, $"{name}: counting reached the model");
        using var health = await fixture.Server.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void Cases_AreManyAndDistinct()
    {
        var names = Cases.Select(row => (string)row[0]).ToList();
        Assert.True(names.Count >= 20, $"only {names.Count} cases");
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public async Task CountTokens_Get_AnthropicMethodNotAllowed()
    {
        using var response = await fixture.Server.Http.GetAsync(Path);

        await AnthropicError.AssertAsync(response, HttpStatusCode.MethodNotAllowed, Invalid);
    }

    private static string Messages(string items) => $$"""{"model":"test-model","messages":[{{items}}]}""";

    private static string With(string extra) => $$"""{"model":"test-model","messages":[{{User}}]{{extra}}}""";

    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);
}
