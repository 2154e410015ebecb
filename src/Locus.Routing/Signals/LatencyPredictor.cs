using Locus.Core.Abstractions;

namespace Locus.Routing.Signals;

/// <summary>A prediction for one candidate: when the first token arrives and when the answer is complete.</summary>
public readonly record struct LatencyPrediction(double TtftMs, double TotalMs, int Queued);

/// <summary>Predicts a target's latency from its live stats and, for local targets, its queue.</summary>
public static class LatencyPredictor
{
    /// <param name="speedFactor">The share of its measured generation speed the target is expected to hold (thermal throttling).</param>
    public static LatencyPrediction Predict(TargetStats stats, ILoadInfo? load, int promptTokens, int outputTokens, double speedFactor = 1)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var ttft = stats.PredictTtftMs(promptTokens);
        var queued = 0;
        if (load is not null)
        {
            // Requests ahead of this one that do not have a slot yet each hold it for about a mean duration.
            var ahead = load.Running + load.Queued - load.Parallel + 1;
            queued = load.Queued;
            if (ahead > 0)
            {
                ttft += ahead * stats.MeanDurationMs / Math.Max(load.Parallel, 1);
            }
        }

        var generation = outputTokens / Math.Max(ExpectedSpeed.TokensPerSecond(stats, load) * speedFactor, 0.1) * 1000;
        return new LatencyPrediction(ttft, ttft + generation, queued);
    }
}
