using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Locus.Testing;

/// <summary>OpenAI chat completions: <c>chat.completion</c> bodies, <c>chat.completion.chunk</c> events, <c>[DONE]</c>.</summary>
internal sealed class OpenAIDialect : IUpstreamDialect
{
    public static readonly OpenAIDialect Instance = new();

    private static readonly HashSet<string> Roles = ["system", "developer", "user", "assistant", "tool"];

    public string? ApiKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
    }

    public bool TryParse(HttpRequest request, JsonElement body, out UpstreamRequest parsed, out string problem)
    {
        parsed = null!;
        problem = "";
        if (!body.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String)
        {
            return Fail("you must provide a model parameter", out problem);
        }

        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            return Fail("'messages' must be a non-empty array", out problem);
        }

        var lastUser = "";
        var words = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var role = message.TryGetProperty("role", out var r) ? r.GetString() ?? "" : "";
            if (!Roles.Contains(role))
            {
                return Fail($"Invalid value: '{role}'. Supported values are: 'system', 'assistant', 'user', 'tool', and 'developer'.", out problem);
            }

            if (role == "tool" && !message.TryGetProperty("tool_call_id", out _))
            {
                return Fail("Missing required parameter: 'messages[].tool_call_id'.", out problem);
            }

            var text = message.TryGetProperty("content", out var content) ? Words.Text(content) : "";
            words += Words.Count(text);
            if (role == "user")
            {
                lastUser = text;
            }
        }

        var stream = body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var includeUsage = stream && body.TryGetProperty("stream_options", out var o) && o.TryGetProperty("include_usage", out var u) && u.ValueKind == JsonValueKind.True;
        int? max = body.TryGetProperty("max_completion_tokens", out var m) || body.TryGetProperty("max_tokens", out m)
            ? m.ValueKind == JsonValueKind.Number ? m.GetInt32() : null
            : null;
        parsed = new UpstreamRequest(model.GetString()!, stream, includeUsage, max, lastUser, words);
        return true;
    }

    public Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        var (type, code) = status switch
        {
            401 => ("invalid_request_error", "invalid_api_key"),
            404 => ("invalid_request_error", "model_not_found"),
            429 => ("requests", "rate_limit_exceeded"),
            >= 500 => ("server_error", (string?)null),
            _ => ("invalid_request_error", null),
        };
        var error = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code };
        return WriteJsonAsync(context, status, new JsonObject { ["error"] = error });
    }

    public Task WriteAsync(HttpContext context, UpstreamAnswer answer)
    {
        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = answer.ToolCall is null ? answer.Text : null,
            ["refusal"] = null,
        };
        if (answer.ToolCall is { } call)
        {
            message["tool_calls"] = new JsonArray(ToolCall(call, call.ArgumentsJson, withIndex: false));
        }

        var choice = new JsonObject { ["index"] = 0, ["message"] = message, ["logprobs"] = null, ["finish_reason"] = FinishReason(answer) };
        var body = Envelope(answer, "chat.completion", choice);
        body["usage"] = Usage(answer);
        return WriteJsonAsync(context, 200, body);
    }

    public async Task StreamAsync(SseOut sse, UpstreamAnswer answer)
    {
        await sse.StartAsync();
        if (answer.ToolCall is { } call)
        {
            var first = new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray(ToolCall(call, "", withIndex: true)) };
            await sse.EventAsync(null, Chunk(answer, first, null));
            foreach (var piece in Words.Chunks(call.ArgumentsJson, sse.Behavior.ChunkChars))
            {
                var delta = new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = piece } }) };
                if (!await sse.ContentAsync(null, Chunk(answer, delta, null)))
                {
                    return;
                }
            }
        }
        else
        {
            await sse.EventAsync(null, Chunk(answer, new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null }, null));
            foreach (var piece in Words.Chunks(answer.Text, sse.Behavior.ChunkChars))
            {
                if (!await sse.ContentAsync(null, Chunk(answer, new JsonObject { ["content"] = piece }, null)))
                {
                    return;
                }
            }
        }

        await sse.EventAsync(null, Chunk(answer, new JsonObject(), FinishReason(answer)));
        if (answer.IncludeUsage)
        {
            var usage = Envelope(answer, "chat.completion.chunk");
            usage["usage"] = Usage(answer);
            await sse.EventAsync(null, usage);
        }

        await sse.WriteAsync("data: [DONE]\n\n");
    }

    public static Task WriteModelsAsync(HttpContext context, IReadOnlyList<string> models)
    {
        var data = new JsonArray([.. models.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["object"] = "model", ["created"] = 1_700_000_000, ["owned_by"] = "upstream" })]);
        return WriteJsonAsync(context, 200, new JsonObject { ["object"] = "list", ["data"] = data });
    }

    internal static async Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static bool Fail(string message, out string problem)
    {
        problem = message;
        return false;
    }

    private static string FinishReason(UpstreamAnswer answer) => answer.Finish switch
    {
        UpstreamFinish.Length => "length",
        UpstreamFinish.ToolCall => "tool_calls",
        _ => "stop",
    };

    private static JsonObject ToolCall(UpstreamToolCall call, string arguments, bool withIndex)
    {
        var tool = new JsonObject { ["id"] = call.Id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = arguments } };
        if (withIndex)
        {
            tool.Insert(0, "index", 0);
        }

        return tool;
    }

    private static JsonObject Envelope(UpstreamAnswer answer, string kind, params JsonNode[] choices) => new()
    {
        ["id"] = "chatcmpl-" + answer.Id,
        ["object"] = kind,
        ["created"] = 1_750_000_000,
        ["model"] = answer.Model,
        ["system_fingerprint"] = null,
        ["choices"] = new JsonArray(choices),
    };

    private static JsonObject Chunk(UpstreamAnswer answer, JsonObject delta, string? finish)
    {
        var chunk = Envelope(answer, "chat.completion.chunk", new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finish });
        // With include_usage every chunk carries "usage": null, and a last chunk (no choices) carries the numbers.
        if (answer.IncludeUsage)
        {
            chunk["usage"] = null;
        }

        return chunk;
    }

    private static JsonObject Usage(UpstreamAnswer answer) => new()
    {
        ["prompt_tokens"] = answer.InputTokens,
        ["completion_tokens"] = answer.OutputTokens,
        ["total_tokens"] = answer.InputTokens + answer.OutputTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = answer.CachedTokens },
    };
}
