using System.Text.Json;

namespace Locus.Providers.Anthropic;

// Response shapes of the Anthropic Messages API: a message body, and the stream events that build one.

internal sealed class AnthropicMessage
{
    /// <summary>"message"; "error" when a 200 body carries an error after all.</summary>
    public string? Type { get; init; }

    public AnthropicErrorDetail? Error { get; init; }

    public string? Id { get; init; }

    public string? Model { get; init; }

    public List<AnthropicBlock>? Content { get; init; }

    public string? StopReason { get; init; }

    public AnthropicUsage? Usage { get; init; }
}

/// <summary>A content block: <c>text</c>, <c>tool_use</c> (id, name, input) or <c>thinking</c>.</summary>
internal sealed class AnthropicBlock
{
    public string? Type { get; init; }

    public string? Text { get; init; }

    public string? Id { get; init; }

    public string? Name { get; init; }

    public JsonElement? Input { get; init; }

    public string? Thinking { get; init; }
}

internal sealed class AnthropicUsage
{
    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public long? CacheReadInputTokens { get; init; }

    public long? CacheCreationInputTokens { get; init; }
}

/// <summary>Any stream event; which fields are set depends on <see cref="Type"/>.</summary>
internal sealed class AnthropicEvent
{
    public string? Type { get; init; }

    public AnthropicMessage? Message { get; init; }

    public int? Index { get; init; }

    public AnthropicBlock? ContentBlock { get; init; }

    public AnthropicDelta? Delta { get; init; }

    public AnthropicUsage? Usage { get; init; }

    public AnthropicErrorDetail? Error { get; init; }
}

/// <summary><c>text_delta</c>, <c>input_json_delta</c>, <c>thinking_delta</c>, or a message_delta's stop reason.</summary>
internal sealed class AnthropicDelta
{
    public string? Type { get; init; }

    public string? Text { get; init; }

    public string? PartialJson { get; init; }

    public string? Thinking { get; init; }

    public string? StopReason { get; init; }
}

internal sealed class AnthropicErrorDetail
{
    public string? Type { get; init; }

    public string? Message { get; init; }
}
