using System.Net;
using System.Net.Http.Headers;
using Locus.Core.Configuration;
using Locus.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests.Anthropic;

/// <summary>API keys as Anthropic clients send them (<c>x-api-key</c>), beside OpenAI's bearer tokens.</summary>
public sealed class MessagesAuthTests : IAsyncLifetime
{
    private const string Body = """{"model":"scripted","max_tokens":8,"messages":[{"role":"user","content":"hi"}]}""";
    private readonly ScriptedCatalog _model = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        _model.Script(ChatFinishReason.Stop, 2, "ok");
        _server = await RunningServer.StartAsync(_model, new ServerOptions { Host = "127.0.0.1", Port = 0, ApiKeys = ["key-one", "key-two"] });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("key-one")]
    [InlineData("key-two")]
    public async Task Messages_WithXApiKey_Gets200(string key)
    {
        using var request = Requests.Post("/v1/messages", Body);
        request.Headers.Add("x-api-key", key);
        request.Headers.Add("anthropic-version", "2023-06-01");

        using var response = await _server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Messages_WithBearer_Gets200()
    {
        using var request = Requests.Post("/v1/messages", Body);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "key-two");

        using var response = await _server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Messages_WithoutKey_GetsAnthropic401MentioningXApiKey()
    {
        using var response = await _server.Http.SendAsync(Requests.Post("/v1/messages", "not even json"));

        var error = await AnthropicError.AssertAsync(response, HttpStatusCode.Unauthorized, "authentication_error");
        Assert.Contains("x-api-key", error.GetProperty("message").GetString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("key-one-and-more")]
    [InlineData("key-on")]
    public async Task Messages_WithWrongXApiKey_GetsAnthropic401WithoutEchoingIt(string key)
    {
        using var request = Requests.Post("/v1/messages", Body);
        request.Headers.Add("x-api-key", key);

        using var response = await _server.Http.SendAsync(request);

        var error = await AnthropicError.AssertAsync(response, HttpStatusCode.Unauthorized, "authentication_error");
        Assert.DoesNotContain("key-o", error.GetProperty("message").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAIPath_AcceptsXApiKeyToo()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("x-api-key", "key-one");

        using var response = await _server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenAIPath_WrongXApiKey_GetsOpenAI401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("x-api-key", "nope");

        using var response = await _server.Http.SendAsync(request);

        await OpenAIError.AssertAsync(response, HttpStatusCode.Unauthorized, null, "invalid_api_key");
    }

    [Fact]
    public async Task BothHeaders_OneValid_Gets200()
    {
        // Anthropic SDKs configured with an API key and an auth token send both.
        using var request = Requests.Post("/v1/messages", Body);
        request.Headers.Add("x-api-key", "stale");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "key-one");

        using var response = await _server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
