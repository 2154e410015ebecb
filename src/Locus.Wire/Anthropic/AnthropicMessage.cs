using System.Text.Json;
using System.Text.Json.Serialization;

namespace Locus.Wire.Anthropic;

// Anthropic's Messages API message object, in Anthropic's member order: written by the server, read by the Anthropic
// provider. Constant members are written, not read; everything read is nullable.

/// <summary>A whole reply, and the skeleton that <c>message_start</c> carries (no content, no stop reason yet).</summary>
public sealed class AnthropicMessage
{
    public string? Id { get; init; }

    public string Type { get; } = "message";

    public string Role { get; } = "assistant";

    public string? Model { get; init; }

    public IReadOnlyList<AnthropicContentBlock>? Content { get; init; }

    public string? StopReason { get; init; }

    public string? StopSequence { get; init; }

    public AnthropicUsage? Usage { get; init; }
}

/// <summary>
/// A content block: <c>{"type":"text","text"}</c>, <c>{"type":"tool_use","id","name","input"}</c> or (read only)
/// <c>{"type":"thinking","thinking"}</c>. Unset members are left out.
/// </summary>
public sealed class AnthropicContentBlock
{
    public string? Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Input { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Thinking { get; init; }
}

/// <summary>Token counts. Anthropic counts cached prompt tokens apart from <c>input_tokens</c> (read, never written).</summary>
public sealed class AnthropicUsage
{
    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? CacheCreationInputTokens { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? CacheReadInputTokens { get; init; }
}
