using Microsoft.Extensions.AI;

namespace Locus.Server.Ollama;

/// <summary>What the last object of a reply reports: why it ended, token counts and durations (nanoseconds).</summary>
internal readonly record struct OllamaDone(
    string DoneReason, long TotalDuration, long PromptEvalCount, long PromptEvalDuration, long EvalCount, long EvalDuration)
{
    public static OllamaDone From(ChatFinishReason? finish, UsageDetails? usage, OllamaClock clock) => new(
        OllamaMapping.DoneReason(finish), clock.TotalNanoseconds, usage?.InputTokenCount ?? 0, clock.PromptNanoseconds,
        usage?.OutputTokenCount ?? 0, clock.EvalNanoseconds);

    /// <summary>The Server's log line result, in Ollama's terms.</summary>
    public Sse.StreamResult Result(UsageDetails? usage) => new(DoneReason, usage);
}
