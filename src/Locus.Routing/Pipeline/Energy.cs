using Locus.Routing.Targets;

namespace Locus.Routing.Pipeline;

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
