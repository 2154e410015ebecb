using Locus.Core.Abstractions;
using Microsoft.Extensions.AI;

namespace Locus.Wire.OpenAI;

/// <summary>
/// Microsoft.Extensions.AI types and OpenAI's vocabulary, both ways: finish reasons, usage, tool calls, tool choices,
/// roles and timestamps. The server maps its answers to the wire with these, the OpenAI provider maps upstream answers back.
/// </summary>
public static class OpenAIMapping
{
    /// <summary>
    /// OpenAI's finish reason. <see cref="ChatFinishReason"/>'s values ("stop", "length", "content_filter",
    /// "tool_calls") are OpenAI's own strings; a backend that reports none finished normally.
    /// </summary>
    public static string FinishReason(ChatFinishReason? reason) => reason?.Value ?? "stop";

    /// <summary>
    /// A chat finish reason: "tool_calls" whenever the model called a tool and the backend said no more than "stop"
    /// (backends differ in whether they report it), else the backend's own reason.
    /// </summary>
    public static string FinishReason(ChatFinishReason? reason, bool calledTools) =>
        calledTools && (reason is null || reason == ChatFinishReason.Stop) ? ChatFinishReason.ToolCalls.Value : FinishReason(reason);

    public static ChatFinishReason? ToFinishReason(string? reason) => reason switch
    {
        null => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(reason),
    };

    /// <summary>Usage as the server reports it: every count present, the total the sum when the backend gave none.</summary>
    public static CompletionUsage Usage(UsageDetails? usage)
    {
        var prompt = usage?.InputTokenCount ?? 0;
        var completion = usage?.OutputTokenCount ?? 0;
        return new()
        {
            PromptTokens = prompt,
            CompletionTokens = completion,
            TotalTokens = usage?.TotalTokenCount ?? prompt + completion,
            PromptTokensDetails = usage?.CachedInputTokenCount is { } cached ? new() { CachedTokens = cached } : null,
        };
    }

    public static UsageDetails? ToUsageDetails(CompletionUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.PromptTokens,
        OutputTokenCount = usage.CompletionTokens,
        TotalTokenCount = usage.TotalTokens ?? usage.PromptTokens + usage.CompletionTokens,
        CachedInputTokenCount = usage.PromptTokensDetails?.CachedTokens,
        ReasoningTokenCount = usage.CompletionTokensDetails?.ReasoningTokens,
    };

    /// <summary>A <c>created</c> in Unix seconds; out-of-range values (some servers send milliseconds) mean unknown.</summary>
    public static DateTimeOffset? CreatedAt(long? unixSeconds) =>
        unixSeconds is > 0 and < 253_402_300_800 ? DateTimeOffset.FromUnixTimeSeconds(unixSeconds.Value) : null;

    /// <summary>
    /// A call as the server answers it (<paramref name="index"/> set in streamed deltas), its arguments as the model
    /// wrote them when the call kept that text. A backend that gives no id still needs one: the client must echo it
    /// back in the tool message.
    /// </summary>
    public static ToolCall ToolCall(FunctionCallContent call, int? index = null) => new()
    {
        Index = index,
        Id = CallId(call.CallId),
        Function = new() { Name = call.Name, Arguments = ToolArguments.TextOf(call) },
    };

    /// <summary>The id a call goes out with: its own, or a new one when the backend gave none.</summary>
    public static string CallId(string? id) => string.IsNullOrEmpty(id) ? "call_" + Guid.NewGuid().ToString("N") : id;

    /// <summary>
    /// The opening chunk of a streamed call (<see cref="ToolCallDeltaContent"/>'s first piece): index, id, type, name
    /// and the arguments so far (often empty), as OpenAI opens one.
    /// </summary>
    public static ToolCall ToolCallStart(int index, string id, string? name, string arguments) => new()
    {
        Index = index,
        Id = id,
        Function = new() { Name = name ?? "", Arguments = arguments },
    };

    /// <summary>A later chunk of a streamed call: its index and the next piece of arguments only.</summary>
    public static ToolCall ToolCallPiece(int index, string arguments) => new()
    {
        Index = index,
        Type = null,
        Function = new() { Arguments = arguments },
    };

    /// <summary>Every tool call in the response, or null when there is none (the member is then left out).</summary>
    public static List<ToolCall>? ToolCalls(ChatResponse response)
    {
        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => ToolCall(c)).ToList();
        return calls.Count > 0 ? calls : null;
    }

    /// <summary>
    /// A call of an earlier turn, as a provider sends it back upstream: its own id, its arguments' text as the client
    /// sent it (or compact arguments when it kept none).
    /// </summary>
    public static ToolCall UpstreamToolCall(FunctionCallContent call) => new()
    {
        Id = call.CallId,
        Function = new()
        {
            Name = call.Name,
            Arguments = call.ArgumentsJson() is { Length: > 0 } text ? text : ToolArguments.ToCompactJsonText(call.Arguments),
        },
    };

    /// <summary>A whole call read from an upstream's answer; arguments that do not parse are kept as its exception.</summary>
    public static FunctionCallContent ToFunctionCall(ToolCall call) =>
        ToolArguments.ToCall(call.Id ?? "", call.Function?.Name ?? "", call.Function?.Arguments);

    /// <summary>
    /// The role a message's <c>role</c> names; null for roles without one (legacy "function", unknown names).
    /// "developer" is OpenAI's newer name for system instructions.
    /// </summary>
    public static ChatRole? ToChatRole(string role) => role switch
    {
        "system" or "developer" => ChatRole.System,
        "user" => ChatRole.User,
        "assistant" => ChatRole.Assistant,
        "tool" => ChatRole.Tool,
        _ => null,
    };

    /// <summary><c>tool_choice</c> as a string ("none", "auto", "required"); null when it names one function (an object) or is unset.</summary>
    public static string? ToolChoice(ChatToolMode? mode) => mode switch
    {
        NoneChatToolMode => "none",
        AutoChatToolMode => "auto",
        RequiredChatToolMode { RequiredFunctionName: null } => "required",
        _ => null,
    };

    /// <summary>The mode a string <c>tool_choice</c> names; null for any other string.</summary>
    public static ChatToolMode? ToToolMode(string? choice) => choice switch
    {
        "none" => ChatToolMode.None,
        "auto" => ChatToolMode.Auto,
        "required" => ChatToolMode.RequireAny,
        _ => null,
    };
}
