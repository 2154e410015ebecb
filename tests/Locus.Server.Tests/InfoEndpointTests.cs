using System.Net;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Server.Tests;

public sealed class InfoEndpointTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Loaded = DateTimeOffset.FromUnixTimeSeconds(1_712_345_678);
    private readonly TwoModels _catalog = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(_catalog);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Health_ListsModelIds()
    {
        using var doc = JsonDocument.Parse(await _server.Http.GetStringAsync("/health"));

        Assert.Equal("ok", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal(["tiny", "org/tiny:q4"], doc.RootElement.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task ListModels_ReturnsOpenAIListObject()
    {
        using var response = await _server.Http.GetAsync("/v1/models");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["object", "data"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("list", root.GetProperty("object").GetString());
        var first = root.GetProperty("data")[0];
        Assert.Equal(["id", "object", "created", "owned_by"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("tiny", first.GetProperty("id").GetString());
        Assert.Equal("model", first.GetProperty("object").GetString());
        Assert.Equal(Loaded.ToUnixTimeSeconds(), first.GetProperty("created").GetInt64());
        Assert.Equal("someone", first.GetProperty("owned_by").GetString());
        Assert.Equal(2, root.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("tiny")]
    [InlineData("org/tiny:q4")]
    public async Task GetModel_Known_ReturnsModelObject(string id)
    {
        using var doc = JsonDocument.Parse(await _server.Http.GetStringAsync($"/v1/models/{id}"));

        Assert.Equal(id, doc.RootElement.GetProperty("id").GetString());
        Assert.Equal("model", doc.RootElement.GetProperty("object").GetString());
    }

    [Fact]
    public async Task GetModel_Unknown_Gets404ModelNotFound()
    {
        using var response = await _server.Http.GetAsync("/v1/models/tiny2");

        await OpenAIError.AssertAsync(response, HttpStatusCode.NotFound, "model", "model_not_found");
    }

    private sealed class TwoModels : IModelCatalog
    {
        public IReadOnlyList<ModelInfo> Models { get; } = [new("tiny", Loaded, 256, "someone"), new("org/tiny:q4", Loaded, 256)];

        public IChatClient? Find(string modelId) => null;

        public void Dispose()
        {
        }
    }
}
