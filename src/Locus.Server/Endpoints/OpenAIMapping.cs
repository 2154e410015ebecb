using Locus.Server.Protocol;
using Microsoft.Extensions.AI;

namespace Locus.Server.Endpoints;

/// <summary>Microsoft.Extensions.AI results in OpenAI's wire vocabulary.</summary>
internal static class OpenAIMapping
{
    // ChatFinishReason's values ("stop", "length", "content_filter", "tool_calls") are OpenAI's own strings.
    // A backend that reports none finished normally.
    public static string FinishReason(ChatFinishReason? reason) => reason?.Value ?? "stop";

    public static Usage Usage(UsageDetails? usage)
    {
        var prompt = usage?.InputTokenCount ?? 0;
        var completion = usage?.OutputTokenCount ?? 0;
        return new(prompt, completion, usage?.TotalTokenCount ?? prompt + completion);
    }

    public static UsageDetails? FindUsage(ChatResponseUpdate update)
    {
        foreach (var content in update.Contents)
        {
            if (content is UsageContent usage)
            {
                return usage.Details;
            }
        }
        return null;
    }
}
