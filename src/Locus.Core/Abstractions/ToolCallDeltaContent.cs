using Microsoft.Extensions.AI;

namespace Locus.Core.Abstractions;

/// <summary>
/// A piece of a tool call while it streams, so clients see arguments as the model writes them (OpenAI
/// <c>tool_calls[i].function.arguments</c> chunks, Anthropic <c>input_json_delta</c>). The first piece of call
/// <see cref="Index"/> carries its <see cref="CallId"/> and <see cref="Name"/>; later pieces carry only
/// <see cref="ArgumentsDelta"/>. When the call is finished the producer also sends the whole
/// <see cref="FunctionCallContent"/> with the same call id, for consumers that want whole calls (aggregation, the
/// ledger); a stream writer that already wrote the pieces skips it.
/// </summary>
public sealed class ToolCallDeltaContent(int index) : AIContent
{
    /// <summary>Which call of this response the piece belongs to, counting from 0 in the order calls start.</summary>
    public int Index { get; } = index;

    public string? CallId { get; init; }

    public string? Name { get; init; }

    /// <summary>The next characters of the call's arguments JSON; empty on a piece that only opens the call.</summary>
    public string ArgumentsDelta { get; init; } = "";
}
