using System.ClientModel;
using Locus.Server.Tests.Infrastructure;
using OpenAI.Chat;
using MeaiFinish = Microsoft.Extensions.AI.ChatFinishReason;

namespace Locus.Server.Tests;

/// <summary>The official OpenAI .NET SDK (2.15.0) as a client: what it sends passes validation, what we send it parses.</summary>
public sealed class OpenAISdkTests : IAsyncLifetime
{
    private readonly ScriptedCatalog _model = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(_model, time: new FixedTime());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CompleteChat_ParsesCompletion()
    {
        _model.Script(MeaiFinish.Length, 6, "Hello", " there");

        ChatCompletion completion = await Sdk.Chat(_server, ScriptedCatalog.ModelId).CompleteChatAsync(
            new SystemChatMessage("be kind"), new UserChatMessage("hi"));

        Assert.Equal("Hello there", completion.Content.Single().Text);
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal(ScriptedCatalog.ModelId, completion.Model);
        Assert.Equal(FixedTime.Instant, completion.CreatedAt);
        Assert.Equal((6, 2, 8), (completion.Usage.InputTokenCount, completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount));
        Assert.Equal(["be kind", "hi"], _model.LastMessages!.Select(m => m.Text));
    }

    [Fact]
    public async Task CompleteChatStreaming_ParsesChunksAndUsage()
    {
        _model.Script(MeaiFinish.Stop, 4, "a", "b", "c");
        var text = new System.Text.StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;

        await foreach (var update in Sdk.Chat(_server, ScriptedCatalog.ModelId).CompleteChatStreamingAsync(new UserChatMessage("hi")))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal("abc", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        // The SDK asks for stream_options.include_usage; the usage chunk must parse.
        Assert.NotNull(usage);
        Assert.Equal(3, usage.OutputTokenCount);
    }

    [Fact]
    public async Task SdkOptions_ReachTheModelAsChatOptions()
    {
        _model.Script(MeaiFinish.Stop, 1, "ok");
        var options = new ChatCompletionOptions
        {
            Temperature = 0.3f,
            TopP = 0.8f,
            MaxOutputTokenCount = 12,
            FrequencyPenalty = 0.1f,
            PresencePenalty = 0.2f,
            StopSequences = { "END", "STOP" },
            EndUserId = "someone",
        };

        await Sdk.Chat(_server, ScriptedCatalog.ModelId).CompleteChatAsync([new UserChatMessage("hi")], options);

        var seen = _model.LastOptions!;
        Assert.Equal(0.3f, seen.Temperature);
        Assert.Equal(0.8f, seen.TopP);
        Assert.Equal(12, seen.MaxOutputTokens);
        Assert.Equal(0.1f, seen.FrequencyPenalty);
        Assert.Equal(0.2f, seen.PresencePenalty);
        Assert.Equal(["END", "STOP"], seen.StopSequences!);
    }

    [Fact]
    public async Task UnknownModel_SdkThrowsWith404AndOurMessage()
    {
        var e = await Assert.ThrowsAsync<ClientResultException>(() => Sdk.Chat(_server, "no-such-model").CompleteChatAsync(new UserChatMessage("hi")));

        Assert.Equal(404, e.Status);
        Assert.Contains("no-such-model", e.Message, StringComparison.Ordinal);
        Assert.Contains("model_not_found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelWithoutTextCompletions_CompletionsEndpointSays400()
    {
        _model.OffersTextCompletion = false;

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/completions", """{"model":"scripted","prompt":"p"}"""));

        await OpenAIError.AssertAsync(response, System.Net.HttpStatusCode.BadRequest, "model", "unsupported_model");
    }
}
