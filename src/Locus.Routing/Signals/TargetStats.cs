namespace Locus.Routing.Signals;

/// <summary>
/// Live measurements of one target: exponentially weighted moving averages of time to first token (per prompt token
/// for on-device targets, where prompt evaluation dominates it) and of generation speed. Thread-safe; cheap to read.
/// </summary>
public sealed class TargetStats(bool onDevice)
{
    // Weight of the newest sample: about the last ten requests dominate.
    private const double Alpha = 0.2;

    private readonly Lock _gate = new();
    private double _ttftMs = onDevice ? 150 : 800;
    private double _ttftMsPerPromptToken = onDevice ? 2.0 : 0;
    private double _tokensPerSecond = onDevice ? 20 : 60;
    private double _durationMs = onDevice ? 3000 : 5000;

    public int Samples { get; private set; }

    public bool OnDevice => onDevice;

    public double TokensPerSecond
    {
        get
        {
            lock (_gate)
            {
                return _tokensPerSecond;
            }
        }
    }

    public double MeanDurationMs
    {
        get
        {
            lock (_gate)
            {
                return _durationMs;
            }
        }
    }

    /// <summary>Records one finished request.</summary>
    public void Record(TimeSpan timeToFirstToken, TimeSpan total, long promptTokens, long outputTokens)
    {
        var ttft = timeToFirstToken.TotalMilliseconds;
        var generation = (total - timeToFirstToken).TotalSeconds;
        lock (_gate)
        {
            // The first real sample replaces the prior outright; later ones blend in.
            var a = Samples == 0 ? 1.0 : Alpha;
            _ttftMs += a * (ttft - _ttftMs);
            if (promptTokens > 0)
            {
                _ttftMsPerPromptToken += a * (ttft / promptTokens - _ttftMsPerPromptToken);
            }

            if (outputTokens > 1 && generation > 0)
            {
                _tokensPerSecond += a * ((outputTokens - 1) / generation - _tokensPerSecond);
            }

            _durationMs += a * (total.TotalMilliseconds - _durationMs);
            Samples++;
        }
    }

    /// <summary>Predicted time to first token for a prompt of <paramref name="promptTokens"/>, not counting queueing.</summary>
    public double PredictTtftMs(int promptTokens)
    {
        lock (_gate)
        {
            return onDevice ? Math.Max(_ttftMsPerPromptToken * promptTokens, 1) : _ttftMs;
        }
    }
}
