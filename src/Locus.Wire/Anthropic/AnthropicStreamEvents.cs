using System.Text.Json.Serialization;

namespace Locus.Wire.Anthropic;

// The events of a streamed reply, each sent as "event: <type>" plus "data: <json>" with the same type: message_start,
// then per content block content_block_start / content_block_delta... / content_block_stop, then message_delta and
// message_stop; ping at any time, and error (an AnthropicErrorEnvelope) in place of the rest when the stream fails.
// AnthropicJson.ReadEvent reads any of them by its type.

/// <summary>An event of a Messages stream; <see cref="Type"/> is also its SSE event name.</summary>
public interface IAnthropicEvent
{
    string Type { get; }
}

public sealed class MessageStartEvent : IAnthropicEvent
{
    public string Type => "message_start";

    public AnthropicMessage? Message { get; init; }
}

public sealed class ContentBlockStartEvent : IAnthropicEvent
{
    public string Type => "content_block_start";

    public int? Index { get; init; }

    public AnthropicContentBlock? ContentBlock { get; init; }
}

public sealed class ContentBlockDeltaEvent : IAnthropicEvent
{
    public string Type => "content_block_delta";

    public int? Index { get; init; }

    public BlockDelta? Delta { get; init; }
}

/// <summary>
/// <c>{"type":"text_delta","text"}</c>, <c>{"type":"input_json_delta","partial_json"}</c> or (read only)
/// <c>{"type":"thinking_delta","thinking"}</c>.
/// </summary>
public sealed class BlockDelta
{
    public string? Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PartialJson { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Thinking { get; init; }
}

public sealed class ContentBlockStopEvent : IAnthropicEvent
{
    public string Type => "content_block_stop";

    public int? Index { get; init; }
}

/// <summary>The stop reason and final usage; usage is cumulative, so it repeats input_tokens.</summary>
public sealed class MessageDeltaEvent : IAnthropicEvent
{
    public string Type => "message_delta";

    public MessageDelta? Delta { get; init; }

    public AnthropicUsage? Usage { get; init; }
}

public sealed class MessageDelta
{
    public string? StopReason { get; init; }

    public string? StopSequence { get; init; }
}

public sealed class MessageStopEvent : IAnthropicEvent
{
    public static MessageStopEvent Instance { get; } = new();

    public string Type => "message_stop";
}

public sealed class PingEvent : IAnthropicEvent
{
    public static PingEvent Instance { get; } = new();

    public string Type => "ping";
}
