using System.Globalization;
using Locus.Core.Abstractions;
using Locus.Routing.Signals;

namespace Locus.Routing.Policy;

/// <summary>
/// Reads this device's thermal outlook for the local answer a request would get: how fast the fast path would really
/// run over the answer's length once heat is counted. Latency predictions for on-device targets use that speed, and a
/// forecast below <c>routing.thermal.min_tokens_per_s</c> sends the request elsewhere where policy allows.
/// </summary>
internal static class ThermalSignal
{
    // Below this the forecast is treated as "no throttling": a rounding-level slowdown is not worth a reason line.
    private const double Negligible = 0.995;

    public static void Assess(DecisionState state, IThermalOutlook? outlook)
    {
        var options = state.Snapshot.Routing.Thermal;
        if (outlook is null || options?.Source == Options.ThermalSource.Off || state.Snapshot.Fast is not { } fast)
        {
            return;
        }

        // Under batching the speed a new request gets is the engine's measured per-stream speed, not a lone request's.
        var tokensPerSecond = Math.Max(ExpectedSpeed.TokensPerSecond(fast.Stats, fast.Load), 0.1);
        var duration = TimeSpan.FromSeconds(state.ExpectedOutputTokens / tokensPerSecond);
        var forecast = outlook.Forecast(tokensPerSecond, duration);
        state.LocalSpeedFactor = Math.Clamp(forecast.SpeedFactor, 0.01, 1);
        var speed = tokensPerSecond * state.LocalSpeedFactor;
        if (options?.MinTokensPerSecond is { } needed && speed < needed)
        {
            state.ThermallyTooSlow = Invariant($"{fast.Name} would slow to {speed:0.#} tok/s, under the {needed:0.#} tok/s needed");
        }

        if (state.LocalSpeedFactor >= Negligible && state.ThermallyTooSlow is null)
        {
            return;
        }

        var when = forecast.TimeToThrottle is { } t ? Invariant($", throttling in {t.TotalSeconds:0} s") : "";
        state.Add("thermal", Invariant(
            $"{forecast.JunctionC:0} °C of {forecast.LimitC:0} °C ({forecast.Source}){when}; {fast.Name} forecast {speed:0.#} tok/s ({state.LocalSpeedFactor:0%} of {tokensPerSecond:0.#})"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
