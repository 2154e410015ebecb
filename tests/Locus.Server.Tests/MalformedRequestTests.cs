using System.Net;
using Locus.Core.Configuration;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests;

/// <summary>One server for the whole table; the tripwire counts how often validation let a request through.</summary>
public sealed class TripwireServerFixture : IAsyncLifetime
{
    internal TripwireCatalog Catalog { get; } = new();

    internal RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync(
        Catalog, new ServerOptions { Host = "127.0.0.1", Port = 0, MaxRequestBodyBytes = MalformedRequestTests.MaxBodyBytes });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class MalformedRequestTests(TripwireServerFixture fixture) : IClassFixture<TripwireServerFixture>
{
    public const int MaxBodyBytes = 16 * 1024;

    private readonly TripwireCatalog _catalog = fixture.Catalog;
    private readonly RunningServer _server = fixture.Server;

    [Theory]
    [MemberData(nameof(MalformedRequests.All), MemberType = typeof(MalformedRequests))]
    public async Task Request_Malformed_GetsOpenAIErrorAndServerStaysUp(
        string name, string method, string path, byte[] body, string? contentType, int status, string? param, string? code)
    {
        var reachedBefore = _catalog.Reached;
        using var request = Requests.Create(new HttpMethod(method), path, method == "GET" ? null : body, contentType);
        using var response = await _server.Http.SendAsync(request);

        var error = await OpenAIError.AssertAsync(response, (HttpStatusCode)status, param, code);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.True(_catalog.Reached == reachedBefore, $"{name}: validation let the request reach the model");
        using var health = await _server.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void Table_HasAtLeastThirtyDistinctCases()
    {
        var names = MalformedRequests.All.Select(row => (string)row[0]).ToList();
        Assert.True(names.Count >= 30, $"only {names.Count} cases");
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public async Task ChunkedBody_OverLimit_Gets413()
    {
        // No Content-Length: the limit must hold while reading, not only from the header.
        var json = "{\"model\":\"test-model\",\"user\":\"" + new string('x', 4 * MaxBodyBytes) + "\"}";
        using var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _server.Http.SendAsync(request);

        await OpenAIError.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, null, "request_too_large");
    }

    [Fact]
    public async Task ValidRequest_WithUnknownExtraFieldsAndNulls_PassesValidation()
    {
        // OpenAI clients send many fields this server has no use for; only the model may notice the request.
        const string json = """
            {"model":"test-model","messages":[{"role":"developer","content":"be brief"},{"role":"user","content":[{"type":"text","text":"hi"}],"name":"bob"}],
             "temperature":null,"top_p":1,"n":1,"stream":false,"stop":null,"tools":[],"tool_choice":"none","logprobs":false,
             "response_format":{"type":"text"},"user":"u1","metadata":{"a":"b"},"store":false,"parallel_tool_calls":true,"service_tier":"auto"}
            """;
        var reachedBefore = _catalog.Reached;

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/chat/completions", json, contentType: null));

        // The tripwire model throws once reached, which the server reports as an OpenAI-style 500.
        await OpenAIError.AssertAsync(response, HttpStatusCode.InternalServerError, null, null);
        Assert.Equal(reachedBefore + 1, _catalog.Reached);
    }
}
