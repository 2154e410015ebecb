using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace Locus.Server.Protocol;

/// <summary>
/// One entry of OpenAI's <c>tool_calls</c>: <c>{"id","type":"function","function":{"name","arguments"}}</c>, with
/// <c>index</c> first in streamed deltas. A call arrives whole from the backend, so one delta carries all of it.
/// </summary>
internal sealed class ToolCallWire
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Index { get; init; }

    public required string Id { get; init; }

    public string Type { get; } = "function";

    public required FunctionCallWire Function { get; init; }

    public static ToolCallWire From(FunctionCallContent call, int? index = null) => new()
    {
        Index = index,
        // A backend that gives no id still needs one: the client must echo it back in the tool message.
        Id = string.IsNullOrEmpty(call.CallId) ? "call_" + Guid.NewGuid().ToString("N") : call.CallId,
        Function = new FunctionCallWire(call.Name, ToolArguments.ToJsonText(call.Arguments)),
    };

    /// <summary>Every tool call in the response, or null when there is none (the member is then left out).</summary>
    public static List<ToolCallWire>? From(ChatResponse response)
    {
        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => From(c)).ToList();
        return calls.Count > 0 ? calls : null;
    }

    /// <summary>
    /// OpenAI's finish reason: "tool_calls" whenever the model called a tool and the backend said no more than
    /// "stop" (backends differ in whether they report it), else the backend's own reason.
    /// </summary>
    public static string FinishReason(ChatFinishReason? reason, bool calledTools) =>
        calledTools && (reason is null || reason == ChatFinishReason.Stop) ? ChatFinishReason.ToolCalls.Value : reason?.Value ?? "stop";
}

internal sealed record FunctionCallWire(string Name, string Arguments);
