using System.Net;
using System.Text.Json;
using Locus.Server.Tests.Anthropic;
using Locus.Server.Tests.EndToEnd;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Tools;

/// <summary>The local engine cannot call tools: offered some, it refuses with a 400 that says where tool calling works.</summary>
[Collection(EngineCollection.Name)]
public sealed class LlamaToolRejectionTests(EngineFixture engine)
{
    private const string Tools = """ "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{}}}}] """;
    private const string Chat = """{"model":"stories260K","messages":[{"role":"user","content":"Once upon a time"}],"max_tokens":4,""";

    [ModelFact]
    public async Task Chat_WithTools_Gets400ToolsUnsupported()
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions", Chat + Tools + "}"));

        var error = await OpenAIError.AssertAsync(response, HttpStatusCode.BadRequest, "tools", "tools_unsupported");
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("does not support tool calling", message, StringComparison.Ordinal);
        Assert.Contains("\"auto\"", message, StringComparison.Ordinal);
    }

    [ModelFact]
    public async Task Chat_StreamingWithTools_Gets400BeforeTheStream()
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions", Chat + Tools + ""","stream":true}"""));

        await OpenAIError.AssertAsync(response, HttpStatusCode.BadRequest, "tools", "tools_unsupported");
    }

    [ModelFact]
    public async Task Chat_WithToolsSwitchedOff_Generates()
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions", Chat + Tools + ""","tool_choice":"none"}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var doc = JsonDocument.Parse(body);
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()));
    }

    [ModelFact]
    public async Task Messages_WithTools_GetsAnthropic400()
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/messages", """
            {"model":"stories260K","max_tokens":4,"messages":[{"role":"user","content":"Once upon a time"}],
             "tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{}}}]}
            """));

        var error = await AnthropicError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error");
        Assert.Contains("does not support tool calling", error.GetProperty("message").GetString()!, StringComparison.Ordinal);
    }
}
