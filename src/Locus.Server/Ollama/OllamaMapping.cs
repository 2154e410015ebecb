using System.Globalization;
using Locus.Wire;
using Locus.Wire.Ollama;
using Microsoft.Extensions.AI;

namespace Locus.Server.Ollama;

/// <summary>How a generation's result is spelled in Ollama's objects.</summary>
internal static class OllamaMapping
{
    /// <summary>Ollama's <c>done_reason</c>: "stop" (also after tool calls, as Ollama reports them) or "length".</summary>
    public static string DoneReason(ChatFinishReason? finish) =>
        finish == ChatFinishReason.Length ? "length" : "stop";

    /// <summary>RFC 3339 with fractional seconds, as Ollama writes <c>created_at</c>.</summary>
    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The calls in <paramref name="contents"/>, arguments as objects; null when there are none.</summary>
    public static List<OllamaToolCall>? ToolCalls(IEnumerable<AIContent> contents)
    {
        var calls = contents.OfType<FunctionCallContent>().ToList();
        return calls.Count == 0 ? null : [.. calls.Select((c, i) => ToolCall(c, i))];
    }

    public static OllamaToolCall ToolCall(FunctionCallContent call, int index) => new()
    {
        Id = string.IsNullOrEmpty(call.CallId) ? null : call.CallId,
        Function = new() { Index = index, Name = call.Name, Arguments = ToolArguments.ElementOf(call) },
    };

    public static OllamaMessage Assistant(string content, List<OllamaToolCall>? calls = null) =>
        new() { Role = "assistant", Content = content, ToolCalls = calls };
}
