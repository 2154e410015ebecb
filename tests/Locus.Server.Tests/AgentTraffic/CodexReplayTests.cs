using System.Net;
using System.Text.Json;

namespace Locus.Server.Tests.AgentTraffic;

/// <summary>
/// Codex's recorded first request (structure of 0.171.0's: POST /v1/responses, streamed, developer and user input
/// messages, 8 function tools, a namespace tool and web_search, reasoning, include, prompt_cache_key, client_metadata)
/// replayed at a real Locus with a real local model.
/// </summary>
public sealed class CodexReplayTests(AgentTrafficFixture fixture) : IClassFixture<AgentTrafficFixture>
{
    private static readonly AgentRequest Recorded = AgentRequest.Load(AgentRequest.Codex);

    [Fact]
    public void Fixture_HasCodexsShape()
    {
        Assert.Equal(("POST", "/v1/responses"), (Recorded.Method, Recorded.Path));
        Assert.Equal("text/event-stream", Recorded.Headers["accept"]);
        Assert.True(Recorded.Body["stream"]!.GetValue<bool>());
        Assert.Equal(4, Recorded.Body["input"]!.AsArray().Count);
        Assert.Equal(9, Recorded.Body["tools"]!.AsArray().Count);
        foreach (var field in new[] { "tool_choice", "parallel_tool_calls", "reasoning", "store", "include", "prompt_cache_key" })
        {
            Assert.True(Recorded.Body.ContainsKey(field), field);
        }
    }

    [ModelFact]
    public async Task Replay_CodexFirstRequest_WellFormedResponsesStream()
    {
        // As recorded but for an output cap: Codex sets none, and random weights never stop on their own.
        using var request = Recorded.ToHttp(AgentTrafficFixture.ModelId, body => body["max_output_tokens"] = 64);

        using var response = await fixture.Server.Http.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        // Responses streams name each event (event: x) before its data line; the data's type repeats the name.
        var body = await response.Content.ReadAsStringAsync();
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('\n').Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..])
            .Where(d => d != "[DONE]")
            .Select(d => JsonDocument.Parse(d).RootElement.Clone())
            .ToList();
        var types = events.Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal("response.created", types[0]);
        Assert.Contains(types[^1], new[] { "response.completed", "response.incomplete" });
        var sequence = events.Select(e => e.GetProperty("sequence_number").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(sequence[0], sequence.Count), sequence);
        var completed = events[^1].GetProperty("response");
        Assert.Equal(types[^1]!["response.".Length..], completed.GetProperty("status").GetString());
        Assert.True(completed.GetProperty("usage").GetProperty("input_tokens").GetInt32() > 0);
        // The request samples (Codex sends no temperature), so the answer may even be empty; every item it has was
        // opened and closed by its own events.
        var items = completed.GetProperty("output").GetArrayLength();
        Assert.Equal(items, types.Count(t => t == "response.output_item.added"));
        Assert.Equal(items, types.Count(t => t == "response.output_item.done"));
    }
}
