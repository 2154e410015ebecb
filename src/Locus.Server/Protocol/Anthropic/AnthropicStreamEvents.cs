using System.Text.Json.Serialization;

namespace Locus.Server.Protocol.Anthropic;

// The events of a streamed reply, each sent as "event: <type>" plus "data: <json>": message_start, then per content
// block content_block_start / content_block_delta... / content_block_stop, then message_delta and message_stop;
// a ping after the first block starts.

internal sealed class MessageStartEvent
{
    public string Type { get; } = "message_start";

    public required AnthropicMessage Message { get; init; }
}

internal sealed class ContentBlockStartEvent
{
    public string Type { get; } = "content_block_start";

    public required int Index { get; init; }

    public required AnthropicContentBlock ContentBlock { get; init; }
}

internal sealed class ContentBlockDeltaEvent
{
    public string Type { get; } = "content_block_delta";

    public required int Index { get; init; }

    public required BlockDelta Delta { get; init; }
}

/// <summary><c>{"type":"text_delta","text"}</c> or <c>{"type":"input_json_delta","partial_json"}</c>.</summary>
internal sealed class BlockDelta
{
    public required string Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PartialJson { get; init; }
}

internal sealed class ContentBlockStopEvent
{
    public string Type { get; } = "content_block_stop";

    public required int Index { get; init; }
}

/// <summary>The stop reason and final usage; usage repeats input_tokens, as Anthropic's cumulative usage does.</summary>
internal sealed class MessageDeltaEvent
{
    public string Type { get; } = "message_delta";

    public required MessageDelta Delta { get; init; }

    public required AnthropicUsage Usage { get; init; }
}

internal sealed record MessageDelta(string StopReason, string? StopSequence);

internal sealed class MessageStopEvent
{
    public static MessageStopEvent Instance { get; } = new();

    public string Type { get; } = "message_stop";
}

internal sealed class PingEvent
{
    public static PingEvent Instance { get; } = new();

    public string Type { get; } = "ping";
}
