using System.Net;
using System.Net.Http.Headers;
using Locus.Core.Configuration;
using Locus.Core.Errors;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests;

public sealed class AuthTests
{
    private static readonly string[] Keys = ["key-one", "key-two-longer"];

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("*")]
    [InlineData("::")]
    [InlineData("192.168.1.10")]
    public void Build_NonLoopbackWithoutKeys_RefusesNamingApiKeys(string host)
    {
        var e = Assert.Throws<LocusException>(() => LocusServer.Build(new ServerOptions { Host = host, Port = 0 }, new TripwireCatalog()));

        Assert.Contains("server.api_keys", e.Message, StringComparison.Ordinal);
        Assert.Equal("server.api_keys", e.Error.Param);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("::1")]
    public async Task Build_LoopbackWithoutKeys_IsAllowed(string host)
    {
        await using var app = LocusServer.Build(new ServerOptions { Host = host, Port = 0 }, new TripwireCatalog());

        Assert.NotNull(app);
    }

    [Theory]
    [InlineData("not a host")]
    [InlineData("example.com")]
    public void Build_HostNotAnAddress_RefusesNamingHost(string host)
    {
        var e = Assert.Throws<LocusException>(() => LocusServer.Build(new ServerOptions { Host = host, Port = 0, ApiKeys = Keys }, new TripwireCatalog()));

        Assert.Equal("server.host", e.Error.Param);
    }

    [Fact]
    public void Build_BlankKey_Refuses()
    {
        var e = Assert.Throws<LocusException>(() => LocusServer.Build(new ServerOptions { Port = 0, ApiKeys = ["ok", " "] }, new TripwireCatalog()));

        Assert.Equal("server.api_keys", e.Error.Param);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong")]
    [InlineData("Bearer key-one-and-more")]
    [InlineData("Bearer key-on")]
    [InlineData("Basic key-one")]
    [InlineData("key-one")]
    [InlineData("Bearer ")]
    public async Task Request_WithoutValidKey_Gets401(string? authorization)
    {
        await using var server = await StartWithKeysAsync("127.0.0.1");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await server.Http.SendAsync(request);

        var error = await OpenAIError.AssertAsync(response, HttpStatusCode.Unauthorized, null, "invalid_api_key");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.DoesNotContain("key-one", error.GetProperty("message").GetString()!, StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("key-one")]
    [InlineData("key-two-longer")]
    public async Task Request_WithEitherKey_Gets200(string key)
    {
        await using var server = await StartWithKeysAsync("127.0.0.1");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_WithKeysConfigured_NeedsNoKey()
    {
        await using var server = await StartWithKeysAsync("127.0.0.1");

        using var response = await server.Http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_WithoutKey_Gets401BeforeValidation()
    {
        await using var server = await StartWithKeysAsync("127.0.0.1");

        using var response = await server.Http.SendAsync(Requests.Post("/v1/chat/completions", "not json"));

        await OpenAIError.AssertAsync(response, HttpStatusCode.Unauthorized, null, "invalid_api_key");
    }

    [Fact]
    public async Task NonLoopbackWithKeys_Starts_AndEnforcesKeys()
    {
        await using var server = await StartWithKeysAsync("0.0.0.0");
        using var authorized = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        authorized.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "key-one");

        using var without = await server.Http.GetAsync("/v1/models");
        using var with = await server.Http.SendAsync(authorized);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    private static Task<RunningServer> StartWithKeysAsync(string host) =>
        RunningServer.StartAsync(new TripwireCatalog(), new ServerOptions { Host = host, Port = 0, ApiKeys = Keys });
}
