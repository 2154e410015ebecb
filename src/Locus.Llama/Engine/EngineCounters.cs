using Locus.Core.Abstractions;

namespace Locus.Llama.Engine;

/// <summary>
/// What the engine has done, written by its thread and read by anyone: KV cells held, prompt tokens evaluated versus
/// reused, and the measured speed of batched decode steps (what the router's latency signal reads).
/// </summary>
internal sealed class EngineCounters
{
    // Smoothing of the per-step speed averages: about the last 16 steps count.
    private const double Weight = 1.0 / 16;

    private readonly Lock _gate = new();
    private int _busy;
    private long _cellsUsed;
    private long _promptTokens;
    private long _reusedTokens;
    private long _generatedTokens;
    private double _decodeTokensPerSecond;
    private double _stepSeconds;
    private double _promptTokensPerSecond;
    private int _peakStreams;

    public void Resize(int before, int after) => Interlocked.Add(ref _cellsUsed, after - before);

    public void Admitted(int promptTokens, int reused)
    {
        Interlocked.Increment(ref _busy);
        Interlocked.Add(ref _promptTokens, promptTokens);
        Interlocked.Add(ref _reusedTokens, reused);
    }

    public void Released() => Interlocked.Decrement(ref _busy);

    public void Stepped(int generating, int prompts, long elapsedTicks)
    {
        var seconds = elapsedTicks / (double)System.Diagnostics.Stopwatch.Frequency;
        if (seconds <= 0)
        {
            return;
        }

        Interlocked.Add(ref _generatedTokens, generating);
        lock (_gate)
        {
            _peakStreams = Math.Max(_peakStreams, generating);
            if (prompts == 0)
            {
                _decodeTokensPerSecond = Smooth(_decodeTokensPerSecond, generating / seconds);
                _stepSeconds = Smooth(_stepSeconds, seconds);
            }
            else
            {
                _promptTokensPerSecond = Smooth(_promptTokensPerSecond, (prompts + generating) / seconds);
            }
        }
    }

    public EngineSnapshot Snapshot(int slots, int cellsTotal)
    {
        lock (_gate)
        {
            return new EngineSnapshot(slots, Volatile.Read(ref _busy), (int)Interlocked.Read(ref _cellsUsed), cellsTotal,
                Interlocked.Read(ref _promptTokens), Interlocked.Read(ref _reusedTokens), Interlocked.Read(ref _generatedTokens),
                _decodeTokensPerSecond, _stepSeconds > 0 ? 1 / _stepSeconds : 0, _promptTokensPerSecond, _peakStreams);
        }
    }

    private static double Smooth(double average, double sample) => average == 0 ? sample : average + ((sample - average) * Weight);
}
