using System.Text.Json;
using System.Text.Json.Serialization;

namespace Locus.Wire.Responses;

// OpenAI's Responses API objects, as the server writes them. Member order follows OpenAI's replies. The echoed request
// fields (instructions, tools, text, tool_choice, ...) are written even when unset: strict clients (the OpenAI SDKs)
// model them as present.

/// <summary>A response: <c>{"id":"resp_…","object":"response",…}</c>, returned whole, streamed in events, and stored.</summary>
public sealed class ResponseObject
{
    public required string Id { get; init; }

    public string Object { get; } = "response";

    public long CreatedAt { get; init; }

    /// <summary>completed, incomplete, or in_progress (only inside the first stream events).</summary>
    public required string Status { get; init; }

    /// <summary>Always null: a failure is an HTTP error (or an error event in a stream), never a stored failed response.</summary>
    public JsonElement? Error { get; init; }

    public IncompleteDetails? IncompleteDetails { get; init; }

    public string? Instructions { get; init; }

    public int? MaxOutputTokens { get; init; }

    public required string Model { get; init; }

    public required IReadOnlyList<ResponseItem> Output { get; init; }

    public bool ParallelToolCalls { get; init; } = true;

    public string? PreviousResponseId { get; init; }

    public ReasoningEcho Reasoning { get; init; } = new();

    public bool Store { get; init; } = true;

    public double? Temperature { get; init; }

    public TextEcho Text { get; init; } = new();

    /// <summary>The request's tool_choice as sent ("auto" when absent).</summary>
    public JsonElement ToolChoice { get; init; }

    /// <summary>The request's tools as sent (an empty array when absent).</summary>
    public JsonElement Tools { get; init; }

    public double? TopP { get; init; }

    public string Truncation { get; } = "disabled";

    /// <summary>Null until the response is finished (the first stream events).</summary>
    public ResponseUsage? Usage { get; init; }

    public string? User { get; init; }

    /// <summary>The request's metadata as sent (an empty object when absent).</summary>
    public JsonElement Metadata { get; init; }
}

public sealed class IncompleteDetails
{
    /// <summary>max_output_tokens or content_filter.</summary>
    public required string Reason { get; init; }
}

/// <summary>Always <c>{"effort":null,"summary":null}</c>: no model served here takes reasoning settings.</summary>
public sealed class ReasoningEcho
{
    public string? Effort { get; }

    public string? Summary { get; }
}

public sealed class TextEcho
{
    /// <summary>The request's text.format as sent (<c>{"type":"text"}</c> when absent).</summary>
    public JsonElement Format { get; init; }
}

/// <summary>
/// One output (or stored input) item: a <c>message</c> with <c>output_text</c> parts, or a <c>function_call</c>.
/// One class for both kinds, absent members left out, so no polymorphic contract is needed.
/// </summary>
public sealed class ResponseItem
{
    public required string Type { get; init; }

    public required string Id { get; init; }

    /// <summary>completed, incomplete, or in_progress (in the output_item.added event).</summary>
    public required string Status { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Role { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<OutputText>? Content { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CallId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>The namespace tool a <c>function_call</c>'s function belongs to; null for a top-level function.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Namespace { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Arguments { get; init; }
}

/// <summary>An <c>output_text</c> content part.</summary>
public sealed class OutputText
{
    public string Type { get; } = "output_text";

    public required string Text { get; init; }

    public IReadOnlyList<JsonElement> Annotations { get; } = [];

    /// <summary>Always empty: log probabilities are not returned.</summary>
    public IReadOnlyList<JsonElement> Logprobs { get; } = [];
}

public sealed class ResponseUsage
{
    public long InputTokens { get; init; }

    public InputTokensDetails InputTokensDetails { get; init; } = new();

    public long OutputTokens { get; init; }

    public OutputTokensDetails OutputTokensDetails { get; init; } = new();

    public long TotalTokens { get; init; }
}

public sealed class InputTokensDetails
{
    public long CachedTokens { get; init; }
}

public sealed class OutputTokensDetails
{
    public long ReasoningTokens { get; init; }
}

/// <summary>The answer to <c>DELETE /v1/responses/{id}</c>.</summary>
public sealed class ResponseDeleted
{
    public required string Id { get; init; }

    public string Object { get; } = "response.deleted";

    public bool Deleted { get; } = true;
}
