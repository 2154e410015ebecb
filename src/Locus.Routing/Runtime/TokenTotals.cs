using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Signals;
using Microsoft.Extensions.AI;

namespace Locus.Routing.Runtime;

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

/// <summary>Energy per request: power × time on the device; a per-token figure for remote targets.</summary>
internal static class Energy
{
    /// <summary>A laptop-class SoC under inference load.</summary>
    public const double DefaultWatts = 15;

    /// <summary>
    /// Rough public estimates put a frontier-model answer of a few hundred tokens at about 0.3 Wh (~1 kJ), i.e. a few
    /// joules per generated token; prompt tokens cost far less (computed in parallel). Configure joules_per_token to refine.
    /// </summary>
    public const double DefaultRemoteJoulesPerToken = 2;

    public static double Estimate(RouteTarget target, TokenTotals tokens, TimeSpan elapsed) => target.OnDevice
        ? (target.Options.Watts ?? DefaultWatts) * elapsed.TotalSeconds
        : (target.Options.JoulesPerToken ?? DefaultRemoteJoulesPerToken) * (tokens.Output + tokens.Input / 10.0);
}
