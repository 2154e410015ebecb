using System.Net;
using System.Text.Json;
using Locus.Server.Tests.Infrastructure;

namespace Locus.Server.Tests.EndToEnd;

[Collection(EngineCollection.Name)]
public sealed class CompletionsEndToEndTests(EngineFixture engine)
{
    private const string Prompt = """{"model":"stories260K","prompt":"Once upon a time","max_tokens":20,"temperature":0""";

    [ModelFact]
    public async Task Completion_NonStreaming_ContinuesThePrompt()
    {
        using var response = await engine.Server.Http.SendAsync(Requests.Post("/v1/completions", Prompt + "}"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        Assert.Equal("text_completion", root.GetProperty("object").GetString());
        var choice = root.GetProperty("choices")[0];
        Assert.False(string.IsNullOrWhiteSpace(choice.GetProperty("text").GetString()));
        Assert.Contains(choice.GetProperty("finish_reason").GetString(), new[] { "stop", "length" });
        Assert.InRange(root.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), 1, 20);
    }

    [ModelFact]
    public async Task Completion_StreamingAndNonStreaming_Greedy_SameText()
    {
        using var whole = await engine.Server.Http.SendAsync(Requests.Post("/v1/completions", Prompt + "}"));
        using var doc = JsonDocument.Parse(await whole.Content.ReadAsStringAsync());
        using var streamed = await engine.Server.Http.SendAsync(Requests.Post("/v1/completions",
            Prompt + ""","stream":true,"stream_options":{"include_usage":true}}"""));
        var events = await SseEvents.ReadAsync(streamed);
        var chunks = SseEvents.Json(events);

        Assert.Equal(SseEvents.Done, events[^1]);
        var text = string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("text").GetString()));
        Assert.Equal(doc.RootElement.GetProperty("choices")[0].GetProperty("text").GetString(), text);
        Assert.Equal(doc.RootElement.GetProperty("usage").GetRawText(), chunks[^1].GetProperty("usage").GetRawText());
    }

    [ModelFact]
    public async Task Completion_Streaming_TextArrivesInManyEventsNotOneBlock()
    {
        using var streamed = await engine.Server.Http.SendAsync(Requests.Post("/v1/completions",
            """{"model":"stories260K","prompt":"Once upon a time","max_tokens":64,"temperature":0,"stream":true}"""));
        var chunks = SseEvents.Json(await SseEvents.ReadAsync(streamed));

        // Tokens that are ready together may share an event (at most 16), but a 64-token answer must still stream.
        var textEvents = chunks.Count(c => c.GetProperty("choices")[0].GetProperty("text").GetString()!.Length > 0);
        Assert.True(textEvents >= 4, $"only {textEvents} text events for 64 tokens");
    }
}
