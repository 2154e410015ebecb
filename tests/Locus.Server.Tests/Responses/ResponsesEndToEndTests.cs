#pragma warning disable OPENAI001 // The SDK's Responses API is experimental.

using Locus.Server.Tests.Infrastructure;
using Locus.Server.Tests.Tools;
using OpenAI.Responses;

namespace Locus.Server.Tests.Responses;

/// <summary>
/// The OpenAI SDK's ResponsesClient against a real local model (random weights, real Qwen2 tokenizer and template) in
/// the real engine behind the real server: text, streaming equal to non-streaming, a function tool round trip through
/// <c>previous_response_id</c>, and json_schema output that the grammar holds to the schema.
/// </summary>
[Collection(QwenEngineCollection.Name)]
public sealed class ResponsesEndToEndTests(QwenEngineFixture engine)
{
    private const string Model = QwenEngineFixture.ModelId;

    private static readonly ResponseTool Weather = ResponseTool.CreateFunctionTool("get_weather",
        BinaryData.FromString(LocalToolCallingTests.WeatherSchema), true, "Current weather in a city");

    private const string PersonSchema = """
        {"type":"object","properties":{"name":{"type":"string","maxLength":16},"age":{"type":"integer","minimum":0,"maximum":120}},
         "required":["name","age"],"additionalProperties":false}
        """;

    [ModelFact]
    public async Task CreateResponse_Text_CompletesWithUsage()
    {
        ResponseResult response = await Client().CreateResponseAsync(Greedy("Tell me a story.", 12));

        Assert.NotEqual(ResponseStatus.InProgress, response.Status);
        Assert.IsAssignableFrom<MessageResponseItem>(Assert.Single(response.OutputItems));
        Assert.True(response.Usage.InputTokenCount > 0);
        Assert.InRange(response.Usage.OutputTokenCount, 1, 12);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
    }

    [ModelFact]
    public async Task CreateResponseStreaming_Greedy_EqualsNonStreaming()
    {
        var client = Client();
        ResponseResult whole = await client.CreateResponseAsync(Greedy("Tell me a story.", 16));

        var (deltas, completed, sequence) = await StreamAsync(client, Greedy("Tell me a story.", 16));

        Assert.NotNull(completed);
        Assert.Equal(whole.GetOutputText(), deltas);
        Assert.Equal(whole.GetOutputText(), completed.GetOutputText());
        Assert.Equal(whole.Status, completed.Status);
        Assert.Equal(whole.Usage.OutputTokenCount, completed.Usage.OutputTokenCount);
        Assert.Equal(Enumerable.Range(0, sequence.Count), sequence);
    }

    [ModelFact]
    public async Task CreateResponse_RequiredTool_CallThenOutputContinues()
    {
        var client = Client();
        var first = Greedy("What is the weather in Oslo?", 160);
        first.Tools.Add(Weather);
        first.ToolChoice = ResponseToolChoice.CreateRequiredChoice();
        first.ParallelToolCallsEnabled = false;

        ResponseResult response = await client.CreateResponseAsync(first);

        var call = Assert.IsType<FunctionCallResponseItem>(Assert.Single(response.OutputItems));
        Assert.Equal("get_weather", call.FunctionName);
        ToolSchemaAssert.Valid("get_weather", call.FunctionArguments.ToString());

        var second = new CreateResponseOptions(Model, [ResponseItem.CreateFunctionCallOutputItem(call.CallId, "-3 C and snowing")])
        {
            PreviousResponseId = response.Id,
            Tools = { Weather },
            ToolChoice = ResponseToolChoice.CreateNoneChoice(),
            MaxOutputTokenCount = 12,
            Temperature = 0,
        };
        ResponseResult answer = await client.CreateResponseAsync(second);

        Assert.Equal(response.Id, answer.PreviousResponseId);
        Assert.IsAssignableFrom<MessageResponseItem>(Assert.Single(answer.OutputItems));
        // The stored conversation (question, call, result) is in the prompt: more input than the result's text alone.
        var alone = new CreateResponseOptions(Model, [ResponseItem.CreateUserMessageItem("-3 C and snowing")])
        {
            Tools = { Weather },
            ToolChoice = ResponseToolChoice.CreateNoneChoice(),
            MaxOutputTokenCount = 1,
            StoredOutputEnabled = false,
        };
        ResponseResult baseline = await client.CreateResponseAsync(alone);
        Assert.True(answer.Usage.InputTokenCount > baseline.Usage.InputTokenCount + 10,
            $"{answer.Usage.InputTokenCount} input tokens with the stored conversation, {baseline.Usage.InputTokenCount} without");
    }

    [ModelFact]
    public async Task CreateResponseStreaming_RequiredTool_EqualsNonStreaming()
    {
        var client = Client();
        CreateResponseOptions Request()
        {
            var options = Greedy("Weather in Oslo?", 160);
            options.Tools.Add(Weather);
            options.ToolChoice = ResponseToolChoice.CreateFunctionChoice("get_weather");
            return options;
        }

        ResponseResult whole = await client.CreateResponseAsync(Request());
        var (_, completed, _) = await StreamAsync(client, Request());

        var expected = Assert.IsType<FunctionCallResponseItem>(Assert.Single(whole.OutputItems));
        var streamed = Assert.IsType<FunctionCallResponseItem>(Assert.Single(completed!.OutputItems));
        Assert.Equal(expected.FunctionName, streamed.FunctionName);
        Assert.Equal(expected.FunctionArguments.ToString(), streamed.FunctionArguments.ToString());
    }

    [ModelFact]
    public async Task CreateResponse_JsonSchemaFormat_OutputMatchesTheSchema()
    {
        var options = Greedy("Describe a person as JSON.", 200);
        options.TextOptions = new ResponseTextOptions
        {
            TextFormat = ResponseTextFormat.CreateJsonSchemaFormat("person", BinaryData.FromString(PersonSchema), null, true),
        };

        ResponseResult response = await Client().CreateResponseAsync(options);

        Assert.Equal(ResponseStatus.Completed, response.Status);
        ToolSchemaAssert.Matches(PersonSchema, response.GetOutputText());
    }

    private ResponsesClient Client() => Sdk.Responses(engine.Server);

    private static CreateResponseOptions Greedy(string prompt, int maxTokens) =>
        new(Model, [ResponseItem.CreateUserMessageItem(prompt)]) { MaxOutputTokenCount = maxTokens, Temperature = 0 };

    private static async Task<(string Deltas, ResponseResult? Completed, List<int> Sequence)> StreamAsync(ResponsesClient client, CreateResponseOptions options)
    {
        options.StreamingEnabled = true;
        var text = new System.Text.StringBuilder();
        var sequence = new List<int>();
        ResponseResult? completed = null;
        await foreach (var update in await client.CreateResponseStreamingAsync(options))
        {
            sequence.Add(update.SequenceNumber);
            switch (update)
            {
                case StreamingResponseOutputTextDeltaUpdate delta:
                    text.Append(delta.Delta);
                    break;
                case StreamingResponseCompletedUpdate done:
                    completed = done.Response;
                    break;
                case StreamingResponseIncompleteUpdate cut:
                    completed = cut.Response;
                    break;
            }
        }

        return (text.ToString(), completed, sequence);
    }
}
