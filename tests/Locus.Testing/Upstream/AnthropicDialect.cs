using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Locus.Testing;

/// <summary>Anthropic Messages: <c>message</c> bodies and the named stream events, ending with <c>message_stop</c>.</summary>
internal sealed class AnthropicDialect : IUpstreamDialect
{
    public static readonly AnthropicDialect Instance = new();

    public string? ApiKey(HttpRequest request) => request.Headers["x-api-key"].FirstOrDefault();

    public bool TryParse(HttpRequest request, JsonElement body, out UpstreamRequest parsed, out string problem)
    {
        parsed = null!;
        problem = "";
        // The real API refuses these; checking them here proves the client sends what the documentation requires.
        if (string.IsNullOrEmpty(request.Headers["anthropic-version"]))
        {
            return Fail("anthropic-version: header is required", out problem);
        }

        if (!body.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String)
        {
            return Fail("model: Field required", out problem);
        }

        if (!body.TryGetProperty("max_tokens", out var max) || max.ValueKind != JsonValueKind.Number)
        {
            return Fail("max_tokens: Field required", out problem);
        }

        if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            return Fail("messages: Field required", out problem);
        }

        var words = body.TryGetProperty("system", out var system) ? Words.Count(Words.Text(system)) : 0;
        var lastUser = "";
        foreach (var message in messages.EnumerateArray())
        {
            var role = message.TryGetProperty("role", out var r) ? r.GetString() ?? "" : "";
            if (role is not ("user" or "assistant"))
            {
                return Fail($"messages: Unexpected role \"{role}\". The Messages API accepts a top-level `system` parameter, " +
                    "not \"system\" as an input message role.", out problem);
            }

            var content = message.TryGetProperty("content", out var c) ? c : default;
            var text = Words.Text(content);
            if (text.Length == 0 && content.ValueKind == JsonValueKind.Array)
            {
                // A user turn holding only tool results: its text is what the tools returned.
                text = string.Join(" ", content.EnumerateArray()
                    .Where(b => b.TryGetProperty("type", out var t) && t.GetString() == "tool_result" && b.TryGetProperty("content", out _))
                    .Select(b => Words.Text(b.GetProperty("content"))));
            }

            words += Words.Count(text);
            if (role == "user")
            {
                lastUser = text;
            }
        }

        var stream = body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        parsed = new UpstreamRequest(model.GetString()!, stream, IncludeUsage: true, max.GetInt32(), lastUser, words);
        return true;
    }

    public Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        var type = status switch
        {
            400 => "invalid_request_error",
            401 => "authentication_error",
            403 => "permission_error",
            404 => "not_found_error",
            413 => "request_too_large",
            429 => "rate_limit_error",
            529 => "overloaded_error",
            _ => "api_error",
        };
        var body = new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message } };
        return OpenAIDialect.WriteJsonAsync(context, status, body);
    }

    public Task WriteAsync(HttpContext context, UpstreamAnswer answer)
    {
        JsonNode block = answer.ToolCall is { } call
            ? new JsonObject { ["type"] = "tool_use", ["id"] = call.Id, ["name"] = call.Name, ["input"] = JsonNode.Parse(call.ArgumentsJson) }
            : new JsonObject { ["type"] = "text", ["text"] = answer.Text };
        var message = Message(answer, new JsonArray(block), StopReason(answer));
        message["usage"] = Usage(answer, answer.OutputTokens);
        return OpenAIDialect.WriteJsonAsync(context, 200, message);
    }

    public async Task StreamAsync(SseOut sse, UpstreamAnswer answer)
    {
        await sse.StartAsync();
        var start = Message(answer, [], null);
        start["usage"] = Usage(answer, 1);
        await sse.EventAsync("message_start", new JsonObject { ["type"] = "message_start", ["message"] = start });

        var (block, deltaType, deltaField, content) = answer.ToolCall is { } call
            ? (new JsonObject { ["type"] = "tool_use", ["id"] = call.Id, ["name"] = call.Name, ["input"] = new JsonObject() }, "input_json_delta", "partial_json", call.ArgumentsJson)
            : (new JsonObject { ["type"] = "text", ["text"] = "" }, "text_delta", "text", answer.Text);
        await sse.EventAsync("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = block });
        await sse.EventAsync("ping", new JsonObject { ["type"] = "ping" });
        foreach (var piece in Words.Chunks(content, sse.Behavior.ChunkChars))
        {
            var delta = new JsonObject { ["type"] = deltaType, [deltaField] = piece };
            if (!await sse.ContentAsync("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = delta }))
            {
                return;
            }
        }

        await sse.EventAsync("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 });
        await sse.EventAsync("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = StopReason(answer), ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = answer.OutputTokens },
        });
        await sse.EventAsync("message_stop", new JsonObject { ["type"] = "message_stop" });
    }

    private static bool Fail(string message, out string problem)
    {
        problem = message;
        return false;
    }

    private static string StopReason(UpstreamAnswer answer) => answer.Finish switch
    {
        UpstreamFinish.Length => "max_tokens",
        UpstreamFinish.ToolCall => "tool_use",
        _ => "end_turn",
    };

    private static JsonObject Message(UpstreamAnswer answer, JsonArray content, string? stopReason) => new()
    {
        ["id"] = "msg_" + answer.Id,
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = answer.Model,
        ["content"] = content,
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = null,
    };

    private static JsonObject Usage(UpstreamAnswer answer, int outputTokens) => new()
    {
        ["input_tokens"] = Math.Max(0, answer.InputTokens - answer.CachedTokens),
        ["cache_creation_input_tokens"] = 0,
        ["cache_read_input_tokens"] = answer.CachedTokens,
        ["output_tokens"] = outputTokens,
    };
}
