using Locus.Routing.Requests;
using Locus.Routing.Signals;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Pipeline;

/// <summary>Token counts of one or more generations.</summary>
internal readonly record struct TokenTotals(long Input, long Output, long Cached)
{
    public static TokenTotals operator +(TokenTotals a, TokenTotals b) => new(a.Input + b.Input, a.Output + b.Output, a.Cached + b.Cached);

    /// <summary>The backend's usage when it reported one, else an estimate from the texts.</summary>
    public static TokenTotals From(UsageDetails? usage, IReadOnlyList<ChatMessage> messages, long outputChars)
    {
        var input = usage?.InputTokenCount ?? messages.Sum(m => (long)TokenEstimator.Estimate(RoutingInput.TextOf(m)));
        var output = usage?.OutputTokenCount ?? (long)Math.Ceiling(outputChars / 3.5);
        return new TokenTotals(input, output, usage?.CachedInputTokenCount ?? 0);
    }
}
