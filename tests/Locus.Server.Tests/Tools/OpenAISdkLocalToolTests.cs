#pragma warning disable OPENAI001 // ChatCompletionOptions.Seed is marked experimental in the SDK; the server honours it.

using Locus.Server.Tests.Infrastructure;
using OpenAI.Chat;

namespace Locus.Server.Tests.Tools;

/// <summary>
/// The official OpenAI .NET SDK's tool-calling and structured-output APIs against a real local model (random weights,
/// real Qwen2 tokenizer and template) behind the real server: what comes back must parse in the SDK and match the
/// declared schema.
/// </summary>
[Collection(QwenEngineCollection.Name)]
public sealed class OpenAISdkLocalToolTests(QwenEngineFixture engine)
{
    private static readonly ChatTool Weather = ChatTool.CreateFunctionTool("get_weather", "Current weather in a city",
        BinaryData.FromString(LocalToolCallingTests.WeatherSchema));

    private static readonly ChatTool Search = ChatTool.CreateFunctionTool("search", "Search the web",
        BinaryData.FromString(LocalToolCallingTests.SearchSchema));

    private const string PersonSchema = """
        {"type":"object","properties":{"name":{"type":"string","maxLength":16},"age":{"type":"integer","minimum":0,"maximum":120},
         "pets":{"type":"array","items":{"enum":["cat","dog","fish"]},"maxItems":3}},"required":["name","age","pets"],"additionalProperties":false}
        """;

    [ModelFact]
    public async Task CompleteChat_RequiredTool_SdkReadsAValidCall()
    {
        var options = new ChatCompletionOptions
        {
            Tools = { Weather, Search },
            ToolChoice = ChatToolChoice.CreateRequiredChoice(),
            AllowParallelToolCalls = false,
            MaxOutputTokenCount = 160,
            Seed = 17,
        };

        ChatCompletion completion = await Sdk.Chat(engine.Server, QwenEngineFixture.ModelId)
            .CompleteChatAsync([new UserChatMessage("What is the weather in Oslo?")], options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
        ToolSchemaAssert.Valid(call.FunctionName, call.FunctionArguments.ToString());
    }

    [ModelFact]
    public async Task CompleteChatStreaming_NamedTool_SdkAssemblesTheCall()
    {
        var options = new ChatCompletionOptions
        {
            Tools = { Weather, Search },
            ToolChoice = ChatToolChoice.CreateFunctionChoice("get_weather"),
            MaxOutputTokenCount = 160,
            Seed = 2,
        };
        var names = new List<string>();
        var arguments = new System.Text.StringBuilder();
        var pieces = 0;
        ChatFinishReason? finish = null;

        await foreach (var update in Sdk.Chat(engine.Server, QwenEngineFixture.ModelId)
            .CompleteChatStreamingAsync([new UserChatMessage("What is the weather in Oslo?")], options))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                if (call.FunctionName is { } name)
                {
                    names.Add(name);
                }

                if (call.FunctionArgumentsUpdate?.ToString() is { Length: > 0 } piece)
                {
                    pieces++;
                    arguments.Append(piece);
                }
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal(["get_weather"], names);
        Assert.True(pieces > 1, "the arguments should stream in pieces as the model writes them");
        ToolSchemaAssert.Valid("get_weather", arguments.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
    }

    [ModelFact]
    public async Task CompleteChat_CallThenToolMessage_SdkGetsAnAnswer()
    {
        var client = Sdk.Chat(engine.Server, QwenEngineFixture.ModelId);
        var first = (await client.CompleteChatAsync([new UserChatMessage("Weather in Oslo?")],
            new ChatCompletionOptions
            {
                Tools = { Weather },
                ToolChoice = ChatToolChoice.CreateRequiredChoice(),
                AllowParallelToolCalls = false,
                MaxOutputTokenCount = 160,
                Seed = 9,
            })).Value;
        var call = Assert.Single(first.ToolCalls);

        ChatCompletion answer = await client.CompleteChatAsync(
            [new UserChatMessage("Weather in Oslo?"), new AssistantChatMessage(first.ToolCalls), new ToolChatMessage(call.Id, "-3 C and snowing")],
            new ChatCompletionOptions { Tools = { Weather }, ToolChoice = ChatToolChoice.CreateNoneChoice(), MaxOutputTokenCount = 12, Temperature = 0 });

        Assert.Empty(answer.ToolCalls);
        Assert.False(string.IsNullOrEmpty(answer.Content.Single().Text));
    }

    [ModelTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task CompleteChat_JsonSchemaResponseFormat_OutputMatchesTheSchema(int seed)
    {
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("person", BinaryData.FromString(PersonSchema), jsonSchemaIsStrict: true),
            MaxOutputTokenCount = 200,
            Seed = seed,
        };

        ChatCompletion completion = await Sdk.Chat(engine.Server, QwenEngineFixture.ModelId)
            .CompleteChatAsync([new UserChatMessage("Describe a person as JSON.")], options);

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        ToolSchemaAssert.Matches(PersonSchema, completion.Content.Single().Text);
    }

    [ModelFact]
    public async Task CompleteChat_JsonObjectResponseFormat_OutputIsAnObject()
    {
        var options = new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat(), MaxOutputTokenCount = 300, Seed = 4 };

        ChatCompletion completion = await Sdk.Chat(engine.Server, QwenEngineFixture.ModelId)
            .CompleteChatAsync([new UserChatMessage("Reply in JSON.")], options);

        if (completion.FinishReason == ChatFinishReason.Stop)
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Object, System.Text.Json.JsonDocument.Parse(completion.Content.Single().Text).RootElement.ValueKind);
        }
        else
        {
            // An unbounded object may run to max_tokens with random weights; what was written is still a JSON prefix.
            Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
            Assert.StartsWith("{", completion.Content.Single().Text, StringComparison.Ordinal);
        }
    }
}
