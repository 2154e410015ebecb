using Locus.Server.Tests.Infrastructure;
using OpenAI.Chat;

namespace Locus.Server.Tests.Tools;

/// <summary>The official OpenAI .NET SDK sends tools and reads the tool calls we return, streamed and not.</summary>
public sealed class OpenAISdkToolTests : IAsyncLifetime
{
    private static readonly ChatTool Weather = ChatTool.CreateFunctionTool("get_weather", "Weather by city",
        BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}}}"""));

    private readonly ToolCallingModel _model = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(_model);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CompleteChat_ReadsToolCalls()
    {
        var options = new ChatCompletionOptions { Tools = { Weather }, ToolChoice = ChatToolChoice.CreateRequiredChoice() };

        ChatCompletion completion = await Sdk.Chat(_server, ToolCallingModel.ModelId).CompleteChatAsync([new UserChatMessage("weather?")], options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal((ToolCallingModel.CallId(0), "get_weather"), (call.Id, call.FunctionName));
        ChatToolWireTests.AssertJsonEqual(_model.ArgumentsJson(), System.Text.Json.JsonDocument.Parse(call.FunctionArguments.ToString()).RootElement);
        Assert.IsType<Microsoft.Extensions.AI.RequiredChatToolMode>(_model.LastOptions!.ToolMode);
    }

    [Fact]
    public async Task CompleteChatStreaming_ReadsToolCallUpdates()
    {
        var options = new ChatCompletionOptions { Tools = { Weather } };
        var names = new List<string>();
        var arguments = new System.Text.StringBuilder();
        ChatFinishReason? finish = null;

        await foreach (var update in Sdk.Chat(_server, ToolCallingModel.ModelId).CompleteChatStreamingAsync([new UserChatMessage("weather?")], options))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                if (call.FunctionName is { } name)
                {
                    names.Add(name);
                }

                arguments.Append(call.FunctionArgumentsUpdate?.ToString());
            }
            finish ??= update.FinishReason;
        }

        Assert.Equal(["get_weather"], names);
        ChatToolWireTests.AssertJsonEqual(_model.ArgumentsJson(), System.Text.Json.JsonDocument.Parse(arguments.ToString()).RootElement);
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
    }

    [Fact]
    public async Task ToolTurnsFromTheSdk_ReachTheBackend()
    {
        var call = ChatToolCall.CreateFunctionToolCall("call_9", "get_weather", BinaryData.FromString("""{"city":"Oslo"}"""));
        var options = new ChatCompletionOptions { Tools = { Weather } };

        await Sdk.Chat(_server, ToolCallingModel.ModelId).CompleteChatAsync(
            [new UserChatMessage("weather?"), new AssistantChatMessage([call]), new ToolChatMessage("call_9", "-3 C")], options);

        var messages = _model.LastMessages!;
        var sent = Assert.IsType<Microsoft.Extensions.AI.FunctionCallContent>(Assert.Single(messages[1].Contents));
        Assert.Equal(("call_9", "get_weather"), (sent.CallId, sent.Name));
        var result = Assert.IsType<Microsoft.Extensions.AI.FunctionResultContent>(Assert.Single(messages[2].Contents));
        Assert.Equal("-3 C", result.Result);
    }
}
