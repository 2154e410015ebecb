using Microsoft.Extensions.AI;

namespace Locus.Server.Sse;

/// <summary>How a generation ended, in the API's finish reason, with the backend's usage: what the log reports.</summary>
internal readonly record struct StreamResult(string FinishReason, UsageDetails? Usage)
{
    public long PromptTokens => Usage?.InputTokenCount ?? 0;

    public long CompletionTokens => Usage?.OutputTokenCount ?? 0;
}
