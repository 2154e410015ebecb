using System.Net;
using System.Text.Json;
using Locus.Server.Tests.EndToEnd;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.Anthropic;

/// <summary>/v1/messages over the real llama.cpp engine (stories260K): shapes, streaming, usage, stop reasons.</summary>
[Collection(EngineCollection.Name)]
public sealed class MessagesEndToEndTests(EngineFixture engine)
{
    private const string Prompt = """{"model":"stories260K","messages":[{"role":"user","content":"Once upon a time"}]""";

    [ModelFact]
    public async Task NonStreaming_ReturnsMessageWithTextStopReasonAndUsage()
    {
        using var doc = await PostAsync(Prompt + ""","max_tokens":16}""");
        var root = doc.RootElement;

        Assert.StartsWith("msg_", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("message", root.GetProperty("type").GetString());
        Assert.Equal(EngineFixture.ModelId, root.GetProperty("model").GetString());
        var block = root.GetProperty("content").EnumerateArray().Single();
        Assert.Equal("text", block.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(block.GetProperty("text").GetString()));
        Assert.Contains(root.GetProperty("stop_reason").GetString(), new[] { "end_turn", "max_tokens" });
        Assert.True(root.GetProperty("usage").GetProperty("input_tokens").GetInt32() > 0);
        Assert.InRange(root.GetProperty("usage").GetProperty("output_tokens").GetInt32(), 1, 16);
    }

    [ModelFact]
    public async Task MaxTokensOne_StopReasonMaxTokens()
    {
        using var doc = await PostAsync(Prompt + ""","max_tokens":1,"temperature":0}""");

        Assert.Equal("max_tokens", doc.RootElement.GetProperty("stop_reason").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("stop_sequence").ValueKind);
        Assert.Equal(1, doc.RootElement.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [ModelFact]
    public async Task Streaming_EventOrderAndText_MatchNonStreamingForTheSameSeed()
    {
        // seed is a Locus extension (the Messages API has none): it makes sampling at temperature 1 repeatable.
        const string sampling = ""","max_tokens":24,"temperature":1,"seed":1234""";
        using var whole = await PostAsync(Prompt + sampling + "}");

        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/messages", Prompt + sampling + ""","stream":true}"""),
            HttpCompletionOption.ResponseHeadersRead);
        var events = await AnthropicSse.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["message_start", "content_block_start", "ping", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            AnthropicSse.Shape(events));
        var expected = whole.RootElement.GetProperty("content")[0].GetProperty("text").GetString();
        Assert.False(string.IsNullOrEmpty(expected));
        Assert.Equal(expected, AnthropicSse.Text(events));
        var delta = events.Single(e => e.Name == "message_delta").Data;
        Assert.Equal(whole.RootElement.GetProperty("stop_reason").GetString(), delta.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.Equal(whole.RootElement.GetProperty("usage").GetRawText(), delta.GetProperty("usage").GetRawText());
        Assert.Equal(0, events[0].Data.GetProperty("message").GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.All(events.Where(e => e.Name.StartsWith("content_block", StringComparison.Ordinal)),
            e => Assert.Equal(0, e.Data.GetProperty("index").GetInt32()));
    }

    [ModelFact]
    public async Task Usage_EqualsChatCompletionsForTheSamePrompt()
    {
        const string sampling = ""","max_tokens":12,"temperature":0""";
        using var message = await PostAsync(Prompt + sampling + "}");
        using var chat = await PostAsync(Prompt + sampling + "}", "/v1/chat/completions");

        var usage = chat.RootElement.GetProperty("usage");
        // The second request finds the first one's prompt in the cache: Anthropic counts those tokens apart.
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32(), Input(message));
        Assert.Equal(usage.GetProperty("completion_tokens").GetInt32(), message.RootElement.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal(chat.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(),
            message.RootElement.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [ModelFact]
    public async Task SystemPrompt_CountsAsInput()
    {
        using var plain = await PostAsync(Prompt + ""","max_tokens":1}""");
        using var withSystem = await PostAsync(Prompt + ""","max_tokens":1,"system":"You tell short stories about cats."}""");

        Assert.True(Input(withSystem) > Input(plain), $"{Input(withSystem)} input tokens with a system prompt, {Input(plain)} without");
    }

    [ModelFact]
    public async Task StopSequences_EndTheTextBeforeTheSequence()
    {
        const string greedy = ""","max_tokens":32,"temperature":0""";
        using var free = await PostAsync(Prompt + greedy + "}");
        var text = Text(free);
        // A word from the middle of what the model says unprompted: the stopped text must end right before it.
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(words.Length >= 4, $"the model said too little to pick a stop sequence: '{text}'");
        var stop = " " + words[2];
        var cut = text.IndexOf(stop, StringComparison.Ordinal);

        using var stopped = await PostAsync(Prompt + greedy + $$""","stop_sequences":[{{JsonSerializer.Serialize(stop)}}]}""");

        Assert.Equal(text[..cut], Text(stopped));
        Assert.Equal("stop_sequence", stopped.RootElement.GetProperty("stop_reason").GetString());
        Assert.Equal(stop, stopped.RootElement.GetProperty("stop_sequence").GetString());
    }

    [ModelFact]
    public async Task PromptLongerThanContext_GetsAnthropic400()
    {
        var longText = string.Join(' ', Enumerable.Repeat("the little dog ran far away", 200));

        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/messages",
            $$"""{"model":"stories260K","max_tokens":8,"messages":[{"role":"user","content":"{{longText}}"}]}"""));

        var error = await AnthropicError.AssertAsync(response, HttpStatusCode.BadRequest, "invalid_request_error");
        Assert.Contains("context length", error.GetProperty("message").GetString()!, StringComparison.Ordinal);
    }

    private async Task<JsonDocument> PostAsync(string json, string path = "/v1/messages")
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post(path, json));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body);
    }

    private static string Text(JsonDocument message) => message.RootElement.GetProperty("content")[0].GetProperty("text").GetString()!;

    /// <summary>The whole prompt: what was evaluated afresh plus what was read from the prompt cache.</summary>
    private static int Input(JsonDocument message)
    {
        var usage = message.RootElement.GetProperty("usage");
        var read = usage.TryGetProperty("cache_read_input_tokens", out var cached) ? cached.GetInt32() : 0;
        return usage.GetProperty("input_tokens").GetInt32() + read;
    }
}
