using System.Buffers.Binary;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Llama;
using Locus.Server.Tests.Infrastructure;
using OpenAI;
using OpenAI.Embeddings;

namespace Locus.Server.Tests.Embeddings;

/// <summary>stories260K as a chat model (which embeds too) and random-qwen2-tiny as <c>llama.embedding_model</c>.</summary>
public sealed class EmbeddingModelsFixture : ServedModelFixture
{
    public const string Chat = "stories260K";
    public const string Embedder = "random-qwen2-tiny";

    protected override Task<IModelCatalog> LoadAsync() => LlamaModels.LoadAsync([new LocalModelSpec(SharedModels.Stories)],
        new LlamaOptions { Threads = 2, ContextSize = 256, EmbeddingModel = SharedModels.Qwen });
}

/// <summary>/v1/embeddings end to end: real llama.cpp, real Kestrel, the official OpenAI SDK.</summary>
public sealed class EmbeddingsEndToEndTests(EmbeddingModelsFixture fixture) : IClassFixture<EmbeddingModelsFixture>
{
    private static readonly string[] Texts = ["Once upon a time", "The little dog ran to the park.", "Lily saw a big red ball."];

    private RunningServer Server => fixture.Server;

    private EmbeddingClient Sdk(string model) => new(model, new ApiKeyCredential("unused"), new OpenAIClientOptions
    {
        Endpoint = new Uri(Server.BaseAddress, "/v1"),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        NetworkTimeout = TimeSpan.FromSeconds(60),
    });

    private async Task<JsonDocument> PostAsync(string json, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Server.Http.SendAsync(Requests.Post("/v1/embeddings", json));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }

    private static float[] Floats(JsonElement item) => [.. item.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle())];

    private static float[] FromBase64(string text)
    {
        var bytes = Convert.FromBase64String(text);
        return [.. Enumerable.Range(0, bytes.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4)))];
    }

    [ModelTheory]
    [InlineData(EmbeddingModelsFixture.Chat)]
    [InlineData(EmbeddingModelsFixture.Embedder)]
    public async Task Sdk_Batch_UnitVectorsInOrderWithUsage(string model)
    {
        var result = (await Sdk(model).GenerateEmbeddingsAsync(Texts)).Value;

        Assert.Equal(Texts.Length, result.Count);
        Assert.Equal([0, 1, 2], result.Select(e => e.Index));
        foreach (var embedding in result)
        {
            var norm = Math.Sqrt(embedding.ToFloats().ToArray().Sum(x => (double)x * x));
            Assert.Equal(1.0, norm, 1e-5);
        }

        Assert.True(result.Usage.InputTokenCount >= Texts.Length, $"{result.Usage.InputTokenCount} tokens");
        Assert.Equal(result.Usage.InputTokenCount, result.Usage.TotalTokenCount);
        Assert.Equal(model, result.Model);
    }

    [ModelFact]
    public async Task Post_FloatAndBase64_DecodeToTheSameVectorsAsTheSdk()
    {
        var sdk = (await Sdk(EmbeddingModelsFixture.Embedder).GenerateEmbeddingsAsync(Texts)).Value;
        var input = JsonSerializer.Serialize(Texts);
        using var floats = await PostAsync($"{{\"model\":\"{EmbeddingModelsFixture.Embedder}\",\"input\":{input},\"encoding_format\":\"float\"}}");
        using var base64 = await PostAsync($"{{\"model\":\"{EmbeddingModelsFixture.Embedder}\",\"input\":{input},\"encoding_format\":\"base64\"}}");

        var root = floats.RootElement;
        Assert.Equal("list", root.GetProperty("object").GetString());
        for (var i = 0; i < Texts.Length; i++)
        {
            var item = root.GetProperty("data")[i];
            Assert.Equal("embedding", item.GetProperty("object").GetString());
            Assert.Equal(i, item.GetProperty("index").GetInt32());
            var asFloats = Floats(item);
            Assert.Equal(asFloats, FromBase64(base64.RootElement.GetProperty("data")[i].GetProperty("embedding").GetString()!));
            Assert.Equal(asFloats, sdk[i].ToFloats().ToArray());
        }
    }

    [ModelFact]
    public async Task Sdk_Dimensions_TruncatedAndRenormalised()
    {
        var client = Sdk(EmbeddingModelsFixture.Embedder);
        var full = (await client.GenerateEmbeddingAsync(Texts[1])).Value.ToFloats().ToArray();

        var cut = (await client.GenerateEmbeddingAsync(Texts[1], new EmbeddingGenerationOptions { Dimensions = 8 })).Value.ToFloats().ToArray();

        Assert.Equal(8, cut.Length);
        var scale = Math.Sqrt(full[..8].Sum(x => (double)x * x));
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(full[i] / scale, cut[i], 1e-5);
        }
    }

    [ModelFact]
    public async Task Post_TokenIds_EmbeddedAndCountedAsGiven()
    {
        // stories260K's tokenizer adds BOS (1); the ids are what llama.cpp makes of "Once upon a time".
        using var text = await PostAsync($"{{\"model\":\"{EmbeddingModelsFixture.Chat}\",\"input\":\"{Texts[0]}\"}}");
        var tokens = text.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32();
        using var tokenize = await PostAsync($"{{\"model\":\"{EmbeddingModelsFixture.Chat}\",\"input\":[[1],[1,2]]}}");
        Assert.Equal(3, tokenize.RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.True(tokens > 1);

        var sdkTokens = (await Sdk(EmbeddingModelsFixture.Chat).GenerateEmbeddingsAsync([new ReadOnlyMemory<int>([1, 400, 401])])).Value;
        Assert.Equal(3, sdkTokens.Usage.InputTokenCount);
        Assert.Single(sdkTokens);
    }

    [ModelFact]
    public async Task Post_InputLongerThanTheContext_400ContextLengthExceededWithTheNumbers()
    {
        var longText = string.Join(" ", Enumerable.Repeat("the little dog ran to the park", 120));
        using var response = await Server.Http.SendAsync(Requests.Post("/v1/embeddings",
            JsonSerializer.Serialize(new { model = EmbeddingModelsFixture.Chat, input = new[] { "short", longText } })));

        var error = await OpenAIError.AssertAsync(response, HttpStatusCode.BadRequest, "input", "context_length_exceeded");
        Assert.Contains("256 tokens", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("input[1]", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [ModelTheory]
    [InlineData("{\"model\":\"stories260K\",\"input\":\"hi\",\"dimensions\":100000}", "dimensions", "invalid_dimensions")]
    [InlineData("{\"model\":\"stories260K\",\"input\":[5,512]}", "input", "invalid_token")]
    [InlineData("{\"model\":\"random-qwen2-tiny\",\"input\":[[1],[999999]]}", "input", "invalid_token")]
    public async Task Post_BeyondTheModel_400NamingTheParameter(string json, string param, string code)
    {
        using var response = await Server.Http.SendAsync(Requests.Post("/v1/embeddings", json));

        await OpenAIError.AssertAsync(response, HttpStatusCode.BadRequest, param, code);
        using var health = await Server.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [ModelFact]
    public async Task Models_ListTheEmbeddingModel_WhichRefusesChat()
    {
        var models = await Server.Http.GetStringAsync("/v1/models");
        Assert.Contains($"\"{EmbeddingModelsFixture.Embedder}\"", models, StringComparison.Ordinal);

        using var response = await Server.Http.SendAsync(Requests.Post("/v1/chat/completions",
            $"{{\"model\":\"{EmbeddingModelsFixture.Embedder}\",\"messages\":[{{\"role\":\"user\",\"content\":\"hi\"}}]}}"));

        await OpenAIError.AssertAsync(response, HttpStatusCode.BadRequest, "model", "model_embeddings_only");
    }

    [ModelFact]
    public async Task Post_ConcurrentRequests_EachGetsItsOwnVectors()
    {
        var client = Sdk(EmbeddingModelsFixture.Embedder);
        var expected = (await client.GenerateEmbeddingsAsync(Texts)).Value.Select(e => e.ToFloats().ToArray()).ToList();

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => client.GenerateEmbeddingAsync(Texts[i % Texts.Length])));

        for (var i = 0; i < runs.Length; i++)
        {
            Assert.Equal(expected[i % Texts.Length], runs[i].Value.ToFloats().ToArray());
        }
    }
}
