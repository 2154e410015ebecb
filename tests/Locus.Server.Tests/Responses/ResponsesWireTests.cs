#pragma warning disable OPENAI001 // The SDK's Responses API is experimental.

using System.Net;
using System.Text.Json;
using Locus.Core.Abstractions;
using Locus.Server.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using OpenAI.Responses;

namespace Locus.Server.Tests.Responses;

/// <summary>
/// <c>/v1/responses</c> over a scripted model: what the OpenAI SDK's ResponsesClient sends passes validation and reaches
/// the model as chat messages and options, what comes back parses, the stream has OpenAI's event sequence, and stored
/// responses continue, read back and delete.
/// </summary>
public sealed class ResponsesWireTests : IAsyncLifetime
{
    private readonly ScriptedCatalog _model = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(_model, time: new FixedTime());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CreateResponse_Text_SdkParsesResponse()
    {
        _model.Script(Microsoft.Extensions.AI.ChatFinishReason.Stop, 6, "Hello", " there");
        var options = new CreateResponseOptions(ScriptedCatalog.ModelId, [ResponseItem.CreateUserMessageItem("hi")])
        {
            Instructions = "be kind",
            Temperature = 0.5f,
            TopP = 0.9f,
            MaxOutputTokenCount = 40,
            EndUserId = "someone",
            Metadata = { ["k"] = "v" },
        };

        ResponseResult response = await Sdk.Responses(_server).CreateResponseAsync(options);

        Assert.StartsWith("resp_", response.Id, StringComparison.Ordinal);
        Assert.Equal("Hello there", response.GetOutputText());
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Equal(FixedTime.Instant, response.CreatedAt);
        Assert.Equal(ScriptedCatalog.ModelId, response.Model);
        Assert.Equal((6, 2, 8), (response.Usage.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount));
        Assert.Equal("someone", response.EndUserId);
        Assert.Equal("v", response.Metadata["k"]);
        var message = Assert.IsAssignableFrom<MessageResponseItem>(Assert.Single(response.OutputItems));
        Assert.StartsWith("msg_", message.Id, StringComparison.Ordinal);
        Assert.Equal(MessageRole.Assistant, message.Role);
        Assert.Equal([(ChatRole.System, "be kind"), (ChatRole.User, "hi")], _model.LastMessages!.Select(m => (m.Role, m.Text)));
        Assert.Equal((0.5f, 0.9f, 40), (_model.LastOptions!.Temperature, _model.LastOptions.TopP, _model.LastOptions.MaxOutputTokens));
    }

    [Fact]
    public async Task CreateResponse_CutByMaxTokens_IsIncomplete()
    {
        _model.Script(Microsoft.Extensions.AI.ChatFinishReason.Length, 3, "a", "b");

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/responses", Body("\"input\":\"hi\",\"max_output_tokens\":2")));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("incomplete", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("max_output_tokens", json.RootElement.GetProperty("incomplete_details").GetProperty("reason").GetString());
        Assert.Equal("incomplete", json.RootElement.GetProperty("output")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task CreateResponseStreaming_Text_SendsOpenAIsEventSequence()
    {
        _model.Script(Microsoft.Extensions.AI.ChatFinishReason.Stop, 4, "a", "b", "c");

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/responses", Body("\"input\":\"hi\",\"stream\":true")));
        var events = await NamedEventsAsync(response);

        Assert.Equal(
            ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added", "response.output_text.delta",
             "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"],
            events.Select(e => e.Name).Where((n, i) => i == 0 || n != events[i - 1].Name));
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.Data.GetProperty("sequence_number").GetInt32()));
        Assert.All(events, e => Assert.Equal(e.Name, e.Data.GetProperty("type").GetString()));
        Assert.Equal("abc", string.Concat(events.Where(e => e.Name == "response.output_text.delta").Select(e => e.Data.GetProperty("delta").GetString())));
        var completed = events[^1].Data.GetProperty("response");
        Assert.Equal("abc", completed.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(3, completed.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public async Task CreateResponseStreaming_Sdk_CompletedEqualsNonStreaming()
    {
        _model.Script(Microsoft.Extensions.AI.ChatFinishReason.Stop, 4, "x", "y");
        var client = Sdk.Responses(_server);
        var text = new System.Text.StringBuilder();
        ResponseResult? completed = null;

        var streaming = new CreateResponseOptions(ScriptedCatalog.ModelId, [ResponseItem.CreateUserMessageItem("hi")]) { StreamingEnabled = true };
        await foreach (var update in await client.CreateResponseStreamingAsync(streaming))
        {
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                text.Append(delta.Delta);
            }
            else if (update is StreamingResponseCompletedUpdate done)
            {
                completed = done.Response;
            }
        }

        ResponseResult whole = await client.CreateResponseAsync(new CreateResponseOptions(ScriptedCatalog.ModelId, [ResponseItem.CreateUserMessageItem("hi")]));
        Assert.Equal("xy", text.ToString());
        Assert.NotNull(completed);
        Assert.Equal(whole.GetOutputText(), completed.GetOutputText());
        Assert.Equal(whole.Usage.TotalTokenCount, completed.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task CreateResponse_ToolCall_SdkReadsFunctionCallAndContinues()
    {
        _model.Updates.Add(new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Oslo" })]));
        _model.Updates.Add(new ChatResponseUpdate { FinishReason = Microsoft.Extensions.AI.ChatFinishReason.ToolCalls });
        var client = Sdk.Responses(_server);
        var tool = ResponseTool.CreateFunctionTool("get_weather", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}}}"""), false, "weather");
        var first = new CreateResponseOptions(ScriptedCatalog.ModelId, [ResponseItem.CreateUserMessageItem("weather?")])
        {
            Tools = { tool },
            ToolChoice = ResponseToolChoice.CreateRequiredChoice(),
        };

        ResponseResult response = await client.CreateResponseAsync(first);

        var call = Assert.IsType<FunctionCallResponseItem>(Assert.Single(response.OutputItems));
        Assert.Equal(("call_1", "get_weather"), (call.CallId, call.FunctionName));
        Assert.Equal("Oslo", JsonDocument.Parse(call.FunctionArguments.ToString()).RootElement.GetProperty("city").GetString());
        Assert.IsType<RequiredChatToolMode>(_model.LastOptions!.ToolMode);
        Assert.Equal("get_weather", Assert.Single(_model.LastOptions.Tools!).Name);

        _model.Updates.Clear();
        _model.Script(Microsoft.Extensions.AI.ChatFinishReason.Stop, 9, "Sunny");
        var second = new CreateResponseOptions(ScriptedCatalog.ModelId, [ResponseItem.CreateFunctionCallOutputItem("call_1", "sunny, 20C")])
        {
            PreviousResponseId = response.Id,
            Tools = { tool },
        };
        ResponseResult answer = await client.CreateResponseAsync(second);

        Assert.Equal("Sunny", answer.GetOutputText());
        Assert.Equal(response.Id, answer.PreviousResponseId);
        var seen = _model.LastMessages!;
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool], seen.Select(m => m.Role));
        Assert.Equal("call_1", Assert.IsType<FunctionCallContent>(Assert.Single(seen[1].Contents)).CallId);
        var result = Assert.IsType<FunctionResultContent>(Assert.Single(seen[2].Contents));
        Assert.Equal(("call_1", "sunny, 20C"), (result.CallId, result.Result as string));
    }

    [Fact]
    public async Task CreateResponseStreaming_ToolCall_SendsArgumentEvents()
    {
        _model.Updates.Add(new ChatResponseUpdate(ChatRole.Assistant, "Let me check."));
        _model.Updates.Add(new ChatResponseUpdate(ChatRole.Assistant, [new ToolCallDeltaContent(0) { CallId = "call_9", Name = "f", ArgumentsDelta = "{\"a\":" }]));
        _model.Updates.Add(new ChatResponseUpdate(ChatRole.Assistant, [new ToolCallDeltaContent(0) { ArgumentsDelta = "1}" }]));
        _model.Updates.Add(new ChatResponseUpdate { FinishReason = Microsoft.Extensions.AI.ChatFinishReason.ToolCalls });

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/responses", Body(
            "\"input\":\"go\",\"stream\":true,\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}]")));
        var events = await NamedEventsAsync(response);

        var arguments = events.Single(e => e.Name == "response.function_call_arguments.done").Data;
        Assert.Equal("{\"a\":1}", arguments.GetProperty("arguments").GetString());
        Assert.Equal(1, arguments.GetProperty("output_index").GetInt32());
        var output = events[^1].Data.GetProperty("response").GetProperty("output");
        Assert.Equal(["message", "function_call"], output.EnumerateArray().Select(i => i.GetProperty("type").GetString()));
        Assert.Equal("call_9", output[1].GetProperty("call_id").GetString());
        Assert.Equal("{\"a\":1}", output[1].GetProperty("arguments").GetString());
        // The message closes before the call opens: every item's events are contiguous.
        var messageDone = events.FindIndex(e => e.Name == "response.output_item.done");
        var callAdded = events.FindLastIndex(e => e.Name == "response.output_item.added");
        Assert.True(messageDone < callAdded);
    }

    [Fact]
    public async Task CreateResponse_NamespaceAndBuiltInTools_ModelSeesQualifiedFunctionsAndCallGoesBackSplit()
    {
        // Codex's shape: a function, a namespace of functions (an MCP server's) and OpenAI's hosted web_search.
        const string Tools = "\"tools\":[{\"type\":\"function\",\"name\":\"exec\",\"parameters\":{\"type\":\"object\"}}," +
            "{\"type\":\"namespace\",\"name\":\"agents\",\"description\":\"d\",\"tools\":[{\"type\":\"function\",\"name\":\"close\"," +
            "\"parameters\":{\"type\":\"object\"}}]},{\"type\":\"web_search\",\"external_web_access\":false}]";
        _model.Updates.Add(new ChatResponseUpdate(ChatRole.Assistant, [new ToolCallDeltaContent(0) { CallId = "call_7", Name = "agents__close", ArgumentsDelta = "{}" }]));
        _model.Updates.Add(new ChatResponseUpdate { FinishReason = Microsoft.Extensions.AI.ChatFinishReason.ToolCalls });

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/responses", Body($"\"input\":\"go\",\"stream\":true,{Tools}")));
        var events = await NamedEventsAsync(response);
        var call = events[^1].Data.GetProperty("response").GetProperty("output")[0];
        var added = events.Single(e => e.Name == "response.output_item.added").Data.GetProperty("item");

        Assert.Equal(["exec", "agents__close"], _model.LastOptions!.Tools!.Select(t => t.Name));
        Assert.Equal(("close", "agents"), (call.GetProperty("name").GetString(), call.GetProperty("namespace").GetString()));
        Assert.Equal(("close", "agents"), (added.GetProperty("name").GetString(), added.GetProperty("namespace").GetString()));

        // The client sends the call back in its namespaced form: the model's history reads as the model wrote it.
        _model.Script(Microsoft.Extensions.AI.ChatFinishReason.Stop, 2, "done");
        using var next = await _server.Http.SendAsync(Requests.Post("/v1/responses", Body(
            "\"input\":[{\"type\":\"function_call\",\"call_id\":\"call_7\",\"name\":\"close\",\"namespace\":\"agents\",\"arguments\":\"{}\"}," +
            $"{{\"type\":\"function_call_output\",\"call_id\":\"call_7\",\"output\":\"ok\"}}],{Tools}")));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var sent = _model.LastMessages!.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        Assert.Equal("agents__close", sent.Name);
    }

    [Fact]
    public async Task CreateResponseStreaming_FailsAfterStart_EndsWithErrorEventAndStoresNothing()
    {
        _model.Updates.Add(new ChatResponseUpdate(ChatRole.Assistant, "partial"));
        _model.FailAfterUpdates = new Locus.Core.Errors.LocusException(new Locus.Core.Errors.LocusError(Locus.Core.Errors.LocusErrorKind.Unavailable, "backend gone"));

        using var response = await _server.Http.SendAsync(Requests.Post("/v1/responses", Body("\"input\":\"hi\",\"stream\":true")));
        var events = await NamedEventsAsync(response);

        var error = events[^1];
        Assert.Equal("error", error.Name);
        Assert.Equal("backend gone", error.Data.GetProperty("message").GetString());
        Assert.Equal("service_unavailable", error.Data.GetProperty("code").GetString());
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.Data.GetProperty("sequence_number").GetInt32()));
        Assert.DoesNotContain(events, e => e.Name == "response.completed");
        var id = events[0].Data.GetProperty("response").GetProperty("id").GetString();
        using var stored = await _server.Http.GetAsync($"/v1/responses/{id}");
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    [Fact]
    public async Task GetAndDelete_StoredResponse_RoundTrip()
    {
        _model.Script(Microsoft.Extensions.AI.ChatFinishReason.Stop, 2, "kept");
        var client = Sdk.Responses(_server);
        ResponseResult created = await client.CreateResponseAsync(new CreateResponseOptions(ScriptedCatalog.ModelId, [ResponseItem.CreateUserMessageItem("hi")]));

        ResponseResult fetched = await client.GetResponseAsync(created.Id);
        ResponseDeletionResult deleted = await client.DeleteResponseAsync(created.Id);
        using var again = await _server.Http.GetAsync($"/v1/responses/{created.Id}");
        using var deleteAgain = await _server.Http.DeleteAsync($"/v1/responses/{created.Id}");

        Assert.Equal((created.Id, "kept"), (fetched.Id, fetched.GetOutputText()));
        Assert.True(deleted.Deleted);
        Assert.Equal(created.Id, deleted.ResponseId);
        await OpenAIError.AssertAsync(again, HttpStatusCode.NotFound, "response_id", "response_not_found");
        await OpenAIError.AssertAsync(deleteAgain, HttpStatusCode.NotFound, "response_id", "response_not_found");
    }

    [Fact]
    public async Task CreateResponse_StoreFalse_CannotBeContinued()
    {
        _model.Script(Microsoft.Extensions.AI.ChatFinishReason.Stop, 2, "gone");
        using var first = await _server.Http.SendAsync(Requests.Post("/v1/responses", Body("\"input\":\"hi\",\"store\":false")));
        var id = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        using var get = await _server.Http.GetAsync($"/v1/responses/{id}");
        using var next = await _server.Http.SendAsync(Requests.Post("/v1/responses", Body($"\"input\":\"more\",\"previous_response_id\":\"{id}\"")));

        await OpenAIError.AssertAsync(get, HttpStatusCode.NotFound, "response_id", "response_not_found");
        await OpenAIError.AssertAsync(next, HttpStatusCode.BadRequest, "previous_response_id", "previous_response_not_found");
    }

    [Fact]
    public async Task CreateResponse_PreviousResponse_PrependsEarlierTurnsButNotInstructions()
    {
        _model.Script(Microsoft.Extensions.AI.ChatFinishReason.Stop, 2, "one");
        using var first = await _server.Http.SendAsync(Requests.Post("/v1/responses", Body("\"instructions\":\"old\",\"input\":\"q1\"")));
        var id = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        using var second = await _server.Http.SendAsync(Requests.Post("/v1/responses", Body($"\"instructions\":\"new\",\"input\":\"q2\",\"previous_response_id\":\"{id}\"")));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal([(ChatRole.System, "new"), (ChatRole.User, "q1"), (ChatRole.Assistant, "one"), (ChatRole.User, "q2")],
            _model.LastMessages!.Select(m => (m.Role, m.Text)));
    }

    [Fact]
    public async Task CreateResponse_TextFormatJsonSchema_ReachesModelAsResponseFormat()
    {
        _model.Script(Microsoft.Extensions.AI.ChatFinishReason.Stop, 2, "{}");
        var options = new CreateResponseOptions(ScriptedCatalog.ModelId, [ResponseItem.CreateUserMessageItem("hi")])
        {
            TextOptions = new ResponseTextOptions
            {
                TextFormat = ResponseTextFormat.CreateJsonSchemaFormat("thing", BinaryData.FromString("""{"type":"object","properties":{"a":{"type":"integer"}}}"""), null, true),
            },
        };

        await Sdk.Responses(_server).CreateResponseAsync(options);

        var format = Assert.IsType<ChatResponseFormatJson>(_model.LastOptions!.ResponseFormat);
        Assert.Equal("thing", format.SchemaName);
        Assert.Equal("integer", format.Schema!.Value.GetProperty("properties").GetProperty("a").GetProperty("type").GetString());
        Assert.Equal(true, Locus.Wire.ResponseFormats.Strict(_model.LastOptions));
    }

    private static string Body(string members) => $"{{\"model\":\"{ScriptedCatalog.ModelId}\",{members}}}";

    /// <summary>Named SSE events (<c>event: name\ndata: json</c>), in order.</summary>
    internal static async Task<List<(string Name, JsonElement Data)>> NamedEventsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var events = new List<(string, JsonElement)>();
        foreach (var frame in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = frame.Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("event: ", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("data: ", lines[1], StringComparison.Ordinal);
            events.Add((lines[0]["event: ".Length..], JsonDocument.Parse(lines[1]["data: ".Length..]).RootElement.Clone()));
        }

        return events;
    }
}
