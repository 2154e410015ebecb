using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Core.Configuration;
using Locus.Llama;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Clients;

/// <summary>
/// The official client libraries our users point at Locus, configured as docs/clients.md says, against a real server
/// with a real model: each must work unchanged, and the same greedy request must give the same text over every API.
/// </summary>
public sealed class ClientLibraryTests(ClientLibraryTests.Stories served) : IClassFixture<ClientLibraryTests.Stories>
{
    private const string Model = Stories.ModelId;

    public sealed class Stories : ServedModelFixture
    {
        public const string ModelId = "stories260K";

        protected override Task<IModelCatalog> LoadAsync() => LlamaModels.LoadAsync(
            [new LocalModelSpec(SharedModels.Stories)],
            new LlamaOptions { Threads = 2, ContextSize = 1024, Parallel = 2, ChatTemplateFallback = "chatml" });
    }

    [ClientLibraryFact]
    public async Task OpenAINode_ChatCompletions_StreamEqualsWhole()
    {
        var result = await RunAsync("openai-chat");
        Assert.NotEmpty(Text(result, "text"));
        Assert.Equal(Text(result, "text"), Text(result, "streamed"));
        Assert.Equal("length", Text(result, "finish"));
    }

    [ClientLibraryFact]
    public async Task OpenAINode_Responses_StreamEqualsWholeAndStoredResponseIsRetrieved()
    {
        var result = await RunAsync("openai-responses");
        Assert.NotEmpty(Text(result, "text"));
        Assert.Equal(Text(result, "text"), Text(result, "streamed"));
        Assert.True(result.GetProperty("retrieved").GetBoolean());
        var events = result.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("response.created", events);
        Assert.Contains("response.output_text.delta", events);
        Assert.Contains(events, e => e is "response.completed" or "response.incomplete");
    }

    [ClientLibraryFact]
    public async Task OpenAINode_Embeddings_OneNormalisedVectorPerInput()
    {
        var result = await RunAsync("openai-embeddings");
        Assert.Equal(2, result.GetProperty("count").GetInt32());
        var dims = result.GetProperty("dims").EnumerateArray().Select(d => d.GetInt32()).ToList();
        Assert.True(dims[0] > 0);
        Assert.Equal(dims[0], dims[1]);
        Assert.Equal(1.0, result.GetProperty("norm").GetDouble(), 4);
    }

    [ClientLibraryFact]
    public async Task AnthropicNode_Messages_StreamEqualsWholeAndTokensAreCounted()
    {
        var result = await RunAsync("anthropic-messages");
        Assert.NotEmpty(Text(result, "text"));
        Assert.Equal(Text(result, "text"), Text(result, "streamed"));
        Assert.Equal("max_tokens", Text(result, "stop"));
        Assert.True(result.GetProperty("inputTokens").GetInt32() > 0);
    }

    [ClientLibraryFact]
    public async Task VercelAISdk_DefaultResponsesChatAndAnthropicProviders_GiveTheSameText()
    {
        var result = await RunAsync("ai-sdk");
        var chat = Text(result, "chat");
        Assert.NotEmpty(chat);
        // openai(model) speaks the Responses API: the same greedy request gives the same text as chat completions.
        Assert.Equal(chat, Text(result, "responses"));
        Assert.Equal(chat, Text(result, "streamed"));
        Assert.Equal(chat, Text(result, "messages"));
    }

    [ClientLibraryFact]
    public async Task VercelAISdk_Embed_MatchesEmbedMany()
    {
        var result = await RunAsync("ai-sdk-embed");
        Assert.True(result.GetProperty("dim").GetInt32() > 0);
        Assert.Equal(1.0, result.GetProperty("norm").GetDouble(), 4);
        Assert.Equal(2, result.GetProperty("count").GetInt32());
        Assert.True(result.GetProperty("same").GetBoolean());
    }

    [ClientLibraryFact]
    public async Task LangChain_ChatResponsesApiAndEmbeddings_Work()
    {
        var result = await RunAsync("langchain");
        Assert.NotEmpty(Text(result, "chat"));
        Assert.Equal(Text(result, "chat"), Text(result, "responses"));
        Assert.True(result.GetProperty("dim").GetInt32() > 0);
        Assert.Equal(1.0, result.GetProperty("norm").GetDouble(), 4);
    }

    [ClientLibraryFact]
    public async Task OllamaJs_ChatGenerateListEmbedAndErrors_WorkUnchanged()
    {
        var result = await RunAsync("ollama");
        Assert.NotEmpty(Text(result, "chat"));
        Assert.Equal(Text(result, "chat"), Text(result, "streamed"));
        Assert.NotEmpty(Text(result, "generated"));
        Assert.Contains(result.GetProperty("models").EnumerateArray(), m => m.GetString()!.StartsWith(Model, StringComparison.Ordinal));
        Assert.Equal(2, result.GetProperty("embeddings").GetInt32());
        // Ollama's clients show {"error": "..."} as the message; any other shape reads "[object Object]".
        var missing = result.GetProperty("missing");
        Assert.Equal("model 'no-such-model' not found", Text(missing, "message"));
        Assert.Equal(404, missing.GetProperty("status").GetInt32());
    }

    private Task<JsonElement> RunAsync(string scenario) => ClientLibraries.RunAsync(scenario, served.Server.BaseAddress, Model);

    private static string Text(JsonElement result, string name) => result.GetProperty(name).GetString() ?? "";
}
