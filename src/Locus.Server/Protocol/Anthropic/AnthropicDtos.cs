using System.Text.Json;
using System.Text.Json.Serialization;

namespace Locus.Server.Protocol.Anthropic;

// Wire shapes of Anthropic's Messages API responses, in Anthropic's member order. Constant members are written, not read.

/// <summary>A whole reply, and the skeleton that <c>message_start</c> carries (no content, no stop reason yet).</summary>
internal sealed class AnthropicMessage
{
    public required string Id { get; init; }

    public string Type { get; } = "message";

    public string Role { get; } = "assistant";

    public required string Model { get; init; }

    public required IReadOnlyList<AnthropicContentBlock> Content { get; init; }

    public required string? StopReason { get; init; }

    public required string? StopSequence { get; init; }

    public required AnthropicUsage Usage { get; init; }
}

/// <summary><c>{"type":"text","text"}</c> or <c>{"type":"tool_use","id","name","input"}</c>.</summary>
internal sealed class AnthropicContentBlock
{
    public required string Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Input { get; init; }
}

internal sealed record AnthropicUsage(long InputTokens, long OutputTokens);

/// <summary><c>{"type":"error","error":{"type","message"}}</c>: the body of every error on <c>/v1/messages</c>, and the data of an <c>error</c> event.</summary>
internal sealed class AnthropicErrorEnvelope
{
    public string Type { get; } = "error";

    public required AnthropicErrorBody Error { get; init; }
}

internal sealed record AnthropicErrorBody(string Type, string Message);
