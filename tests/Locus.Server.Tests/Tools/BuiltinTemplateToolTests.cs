using System.Net;
using System.Text.Json;
using Locus.Server.Tests.Anthropic;
using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Llama;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Tools;

/// <summary>
/// Tools on a model whose chat comes from one of llama.cpp's built-in templates (stories260K with the chatml fallback),
/// which cannot show tools: the tools are described in the system message and the grammar holds the model to the
/// generic JSON reply. Schema problems only a grammar meets are 400s naming the place in the request.
/// </summary>
public sealed class BuiltinTemplateToolTests : IClassFixture<BuiltinTemplateToolTests.StoriesWithRoom>
{
    private readonly StoriesWithRoom engine;

    public BuiltinTemplateToolTests(StoriesWithRoom engine) => this.engine = engine;

    /// <summary>stories260K with the chatml fallback and room for a system message that lists the tools.</summary>
    public sealed class StoriesWithRoom : ServedModelFixture
    {
        protected override Task<IModelCatalog> LoadAsync() => LlamaModels.LoadAsync([new LocalModelSpec(SharedModels.Stories)],
            new LlamaOptions { Threads = 2, ContextSize = 2048, ChatTemplateFallback = "chatml" });
    }

    private const string Schema = """{"type":"object","properties":{"city":{"type":"string","maxLength":12}},"required":["city"]}""";
    private const string Tools = """ "tools":[{"type":"function","function":{"name":"get_weather","parameters":""" + Schema + "}}] ";
    private const string Chat = """{"model":"stories260K","messages":[{"role":"user","content":"Once upon a time"}],"max_tokens":400,"seed":3,""";

    [ModelFact]
    public async Task Chat_ToolChoiceRequired_GenericCallMatchesTheSchema()
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions", Chat + Tools + ""","tool_choice":"required","parallel_tool_calls":false}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var choice = JsonDocument.Parse(body).RootElement.GetProperty("choices")[0];
        Assert.True(choice.GetProperty("finish_reason").GetString() == "tool_calls", body);
        var call = choice.GetProperty("message").GetProperty("tool_calls")[0].GetProperty("function");
        Assert.Equal("get_weather", call.GetProperty("name").GetString());
        ToolSchemaAssert.Matches(Schema, call.GetProperty("arguments").GetString()!);
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
    public async Task Messages_ToolChoiceTool_ToolUseMatchesTheSchema()
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/messages", $$$"""
            {"model":"stories260K","max_tokens":400,"seed":5,"messages":[{"role":"user","content":"Once upon a time"}],
             "tools":[{"name":"get_weather","input_schema":{{{Schema}}}}],"tool_choice":{"type":"tool","name":"get_weather"}}
            """));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var message = JsonDocument.Parse(body).RootElement;
        Assert.Equal("tool_use", message.GetProperty("stop_reason").GetString());
        var use = message.GetProperty("content").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "tool_use");
        ToolSchemaAssert.Matches(Schema, use.GetProperty("input").GetRawText());
    }

    [ModelFact]
    public async Task Chat_ToolSchemaWithARemoteRef_Gets400NamingIt()
    {
        const string tools = """ "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"a":{"$ref":"https://example.com/a.json"}}}}}] """;

        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions", Chat + tools + ""","tool_choice":"required"}"""));

        await OpenAIError.AssertAsync(response, HttpStatusCode.BadRequest, "tools[0].function.parameters.properties.a.$ref", "invalid_schema");
    }

    [ModelFact]
    public async Task Chat_ResponseSchemaWithARemoteRef_Gets400NamingIt()
    {
        const string format = """ "response_format":{"type":"json_schema","json_schema":{"name":"r","schema":{"$ref":"https://example.com/s.json"}}} """;

        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/chat/completions", Chat + format + "}"));

        await OpenAIError.AssertAsync(response, HttpStatusCode.BadRequest, "response_format.json_schema.schema.$ref", "invalid_schema");
    }

    [ModelFact]
    public async Task Messages_ToolSchemaWithARemoteRef_GetsAnthropic400()
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/messages", """
            {"model":"stories260K","max_tokens":8,"messages":[{"role":"user","content":"Once upon a time"}],"tool_choice":{"type":"any"},
             "tools":[{"name":"f","input_schema":{"type":"object","properties":{"a":{"$ref":"https://example.com/a.json"}}}}]}
            """));

        var error = await AnthropicError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error");
        Assert.Contains("properties.a.$ref", error.GetProperty("message").GetString()!, StringComparison.Ordinal);
    }
}
