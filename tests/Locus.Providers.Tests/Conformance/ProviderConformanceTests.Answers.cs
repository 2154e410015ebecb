using System.Diagnostics;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Core.Errors;
using Locus.Providers.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Locus.Providers.Tests.Conformance;

// What comes back when all goes well: text, streams, usage, finish reasons, tool calls, and the request as sent.
public abstract partial class ProviderConformanceTests
{
    [Fact]
    public async Task GetResponse_Text_EchoesTheLastUserMessage()
    {
        var response = await Client().GetResponseAsync(Chat.User("hello world"));

        Assert.Equal("echo: hello world", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(ChatRole.Assistant, Assert.Single(response.Messages).Role);
        Assert.Equal("upstream-model", response.ModelId);
        Assert.False(string.IsNullOrEmpty(response.ResponseId));
    }

    [Fact]
    public async Task GetStreamingResponse_Text_EqualsTheNonStreamingAnswer()
    {
        var client = Client();
        var whole = await client.GetResponseAsync(Chat.User("the quick brown fox"));

        var updates = await Chat.CollectAsync(client.GetStreamingResponseAsync(Chat.User("the quick brown fox")));

        Assert.True(updates.Count(u => u.Text.Length > 0) > 1, "the reply should arrive in several chunks");
        var streamed = updates.ToChatResponse();
        Assert.Equal(whole.Text, streamed.Text);
        Assert.Equal(ChatFinishReason.Stop, streamed.FinishReason);
        Assert.Equal(whole.ResponseId is null, streamed.ResponseId is null);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Usage_ScriptedCounts_AreReported(bool stream)
    {
        Server.Behavior = new UpstreamBehavior { InputTokens = 11, OutputTokens = 7, CachedInputTokens = 3 };

        var response = await AskAsync(Client(), Chat.User("count me"), stream);

        Assert.NotNull(response.Usage);
        Assert.Equal(11, response.Usage.InputTokenCount);
        Assert.Equal(7, response.Usage.OutputTokenCount);
        Assert.Equal(18, response.Usage.TotalTokenCount);
        Assert.Equal(3, response.Usage.CachedInputTokenCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Usage_Default_CountsWordsOfPromptAndReply(bool stream)
    {
        var response = await AskAsync(Client(), Chat.User("one two three"), stream);

        Assert.Equal(3, response.Usage?.InputTokenCount);
        Assert.Equal(4, response.Usage?.OutputTokenCount); // "echo: one two three"
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FinishReason_MaxTokensBelowReply_IsLengthAndTextIsCut(bool stream)
    {
        Server.Behavior = new UpstreamBehavior { Reply = _ => "one two three four five" };

        var response = await AskAsync(Client(), Chat.User("x"), stream, new ChatOptions { MaxOutputTokens = 2 });

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal("one two", response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ToolCall_IsOneFunctionCallWithParsedArguments(bool stream)
    {
        Server.Behavior = new UpstreamBehavior { ToolCall = new("call_7", "get_weather", """{"city":"Paris","days":3}"""), ChunkChars = 3 };

        var response = await AskAsync(Client(), Chat.User("weather?"), stream, new ChatOptions { Tools = [WeatherTool] });

        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_7", call.CallId);
        Assert.Equal("get_weather", call.Name);
        Assert.Null(call.Exception);
        Assert.Equal("Paris", ((JsonElement)call.Arguments!["city"]!).GetString());
        Assert.Equal(3, ((JsonElement)call.Arguments["days"]!).GetInt32());
    }

    [Fact]
    public async Task StreamedToolCall_ComesAsPiecesThenWhole_WithTheUpstreamsText()
    {
        const string arguments = """{"city": "Paris","days":3.0}""";
        Server.Behavior = new UpstreamBehavior { ToolCall = new("call_7", "get_weather", arguments), ChunkChars = 5 };

        var updates = await Chat.CollectAsync(Client().GetStreamingResponseAsync(Chat.User("weather?"), new ChatOptions { Tools = [WeatherTool] }));
        var contents = updates.SelectMany(u => u.Contents).ToList();

        var pieces = contents.OfType<Locus.Core.Abstractions.ToolCallDeltaContent>().ToList();
        Assert.True(pieces.Count > 2, $"{pieces.Count} pieces");
        Assert.All(pieces, p => Assert.Equal(0, p.Index));
        Assert.Equal(("call_7", "get_weather"), (pieces[0].CallId, pieces[0].Name));
        Assert.All(pieces.Skip(1), p => Assert.Null(p.Name));
        Assert.Equal(arguments, string.Concat(pieces.Select(p => p.ArgumentsDelta)));
        var whole = Assert.Single(contents.OfType<FunctionCallContent>());
        Assert.True(contents.IndexOf(whole) > contents.IndexOf(pieces[^1]), "the whole call comes after its pieces");
        Assert.Equal(arguments, Locus.Core.Abstractions.ToolCallJson.ArgumentsJson(whole));
    }

    [Fact]
    public async Task ModelId_FromChatOptions_IsIgnored_TheConfiguredModelIsSent()
    {
        await Client().GetResponseAsync(Chat.User("x"), new ChatOptions { ModelId = "something-else" });

        Assert.Equal("upstream-model", Chat.Json(Assert.Single(Server.Requests)).GetProperty("model").GetString());
    }

    [Fact]
    public async Task ExtraHeaders_AreSent()
    {
        await Client(o => o with { Headers = new Dictionary<string, string> { ["HTTP-Referer"] = "https://locus.example", ["X-Title"] = "Locus" } })
            .GetResponseAsync(Chat.User("x"));

        var request = Assert.Single(Server.Requests);
        Assert.Equal("https://locus.example", request.Headers["HTTP-Referer"]);
        Assert.Equal("Locus", request.Headers["X-Title"]);
    }

    [Fact]
    public async Task Conversation_WithSystemToolCallAndResult_MatchesTheDocumentedWireFormat()
    {
        var response = await Client().GetResponseAsync(Conversation, new ChatOptions
        {
            Temperature = 0.5f,
            TopP = 0.9f,
            MaxOutputTokens = 50,
            StopSequences = ["END"],
            Tools = [WeatherTool],
            ToolMode = ChatToolMode.Auto,
        });

        Assert.Equal("echo: Thanks. And tomorrow?", response.Text);
        var request = Assert.Single(Server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        AssertConversationWireFormat(request, Chat.Json(request));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PerCallHeaders_SentOnTopOfConfiguredOnes_AndWinOverThem(bool stream)
    {
        var client = Client(o => o with { Headers = new Dictionary<string, string> { ["x-locus-privacy"] = "normal", ["X-Title"] = "Locus" } });
        var options = new ChatOptions
        {
            AdditionalProperties = new() { [LocusChatOptions.UpstreamHeaders] = new Dictionary<string, string> { ["x-locus-privacy"] = "local-only" } },
        };

        await AskAsync(client, Chat.User("x"), stream, options);
        await AskAsync(client, Chat.User("y"), stream);

        Assert.Equal(("local-only", "Locus"), (Server.Requests[0].Headers["x-locus-privacy"], Server.Requests[0].Headers["X-Title"]));
        Assert.Equal("normal", Server.Requests[1].Headers["x-locus-privacy"]); // only that one call
    }

    [Fact]
    public async Task Streaming_RequestAsksForAStream()
    {
        await Chat.CollectAsync(Client().GetStreamingResponseAsync(Chat.User("x")));

        var request = Assert.Single(Server.Requests);
        Assert.True(Chat.Json(request).GetProperty("stream").GetBoolean());
        Assert.Equal("text/event-stream", request.Headers["Accept"]);
        AssertStreamingRequest(Chat.Json(request));
    }

    [Fact]
    public void GetService_Metadata_NamesProviderAndModel()
    {
        var metadata = Assert.IsType<ChatClientMetadata>(Client().GetService(typeof(ChatClientMetadata)));

        Assert.Equal(Kind == ProviderKind.OpenAI ? "openai" : "anthropic", metadata.ProviderName);
        Assert.Equal("upstream-model", metadata.DefaultModelId);
        Assert.Equal(Server.BaseUrl, metadata.ProviderUri);
    }
}
