using System.Net;
using System.Text.Json;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Ollama;

/// <summary>/api/tags, /api/ps, /api/show, /api/version and the embedding endpoints over scripted backends.</summary>
public sealed class OllamaModelsAndEmbedTests : IAsyncLifetime
{
    private readonly ScriptedEmbeddingModel _model = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(_model);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Tags_ListsEachModelWithLatestTag()
    {
        var tags = await OllamaWire.GetAsync(_server.Http, "/api/tags");

        var model = Assert.Single(tags.GetProperty("models").EnumerateArray());
        Assert.Equal("embedder:latest", model.GetProperty("name").GetString());
        Assert.Equal("embedder:latest", model.GetProperty("model").GetString());
        OllamaWire.AssertType(model, "details", JsonValueKind.Object);
        OllamaWire.AssertType(model, "size", JsonValueKind.Number);
        OllamaWire.AssertType(model, "digest", JsonValueKind.String);
    }

    [Fact]
    public async Task Version_IsAVersionString()
    {
        var version = await OllamaWire.GetAsync(_server.Http, "/api/version");

        Assert.Matches(@"^\d+\.\d+\.\d+$", version.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Show_UnknownModel_Is404()
    {
        using var response = await _server.Http.SendAsync(Requests.Post("/api/show", "{\"model\":\"nope\"}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model 'nope' not found", OllamaWire.AssertError(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Show_EmbeddingModel_ListsEmbeddingCapability()
    {
        var show = await OllamaWire.PostAsync(_server.Http, "/api/show", "{\"model\":\"embedder:latest\"}");

        Assert.Contains("embedding", show.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("num_ctx 512", show.GetProperty("parameters").GetString());
    }

    [Fact]
    public async Task Embed_ManyInputs_OneVectorEachInOrder()
    {
        var reply = await OllamaWire.PostAsync(_server.Http, "/api/embed",
            "{\"model\":\"embedder\",\"input\":[\"Why is the sky blue?\",\"Why is the grass green?\"]}");

        Assert.Equal("embedder", reply.GetProperty("model").GetString());
        var vectors = reply.GetProperty("embeddings").EnumerateArray().Select(v => v.EnumerateArray().Select(x => x.GetSingle()).ToArray()).ToList();
        Assert.Equal(2, vectors.Count);
        Assert.Equal(ScriptedEmbeddingModel.VectorOf("Why is the sky blue?"), vectors[0]);
        Assert.Equal(ScriptedEmbeddingModel.VectorOf("Why is the grass green?"), vectors[1]);
        Assert.Equal("Why is the sky blue?".Length + "Why is the grass green?".Length, reply.GetProperty("prompt_eval_count").GetInt64());
        OllamaWire.AssertType(reply, "total_duration", JsonValueKind.Number);
        OllamaWire.AssertType(reply, "load_duration", JsonValueKind.Number);
    }

    [Fact]
    public async Task Embed_Dimensions_CutsAndNormalizesWhenTheGeneratorDoesNot()
    {
        var reply = await OllamaWire.PostAsync(_server.Http, "/api/embed", "{\"model\":\"embedder\",\"input\":\"abcdefgh\",\"dimensions\":3}");

        var vector = Assert.Single(reply.GetProperty("embeddings").EnumerateArray()).EnumerateArray().Select(x => x.GetSingle()).ToArray();
        Assert.Equal(3, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => v * v)), 4);
        Assert.Equal(3, _model.LastOptions!.Dimensions);
        var full = ScriptedEmbeddingModel.VectorOf("abcdefgh")[..3];
        Assert.Equal(full[0] / full[1], vector[0] / vector[1], 4);
    }

    [Fact]
    public async Task Embeddings_Legacy_OneVector()
    {
        var reply = await OllamaWire.PostAsync(_server.Http, "/api/embeddings", "{\"model\":\"embedder\",\"prompt\":\"Here is an article about llamas...\"}");

        var vector = reply.GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle()).ToArray();
        Assert.Equal(ScriptedEmbeddingModel.VectorOf("Here is an article about llamas..."), vector);
    }

    [Fact]
    public async Task Embed_ChatOnlyModel_Is400()
    {
        await using var server = await RunningServer.StartAsync(new ScriptedCatalog());
        using var response = await server.Http.SendAsync(Requests.Post("/api/embed", "{\"model\":\"scripted\",\"input\":\"x\"}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("does not serve embeddings", OllamaWire.AssertError(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
