using Locus.Core.Abstractions;
using Locus.Routing.Signals;

namespace Locus.Routing.Tests.Signals;

public sealed class LatencyPredictorTests
{
    // A fresh on-device target assumes 20 tokens/s for a request of its own.
    private static readonly TargetStats Local = new(onDevice: true);

    [Fact]
    public void Predict_JoiningARunningBatch_UsesThePerStreamSpeedTheEngineMeasured()
    {
        var busy = new Load(Running: 3, Parallel: 4, Engine: Snapshot(streamTokensPerSecond: 8));

        var prediction = LatencyPredictor.Predict(Local, busy, promptTokens: 10, outputTokens: 80);

        // 80 tokens at 8 tokens/s per stream = 10 s of generation on top of the time to first token.
        Assert.Equal(10_000, prediction.TotalMs - prediction.TtftMs, 1);
    }

    [Fact]
    public void Predict_EngineIdle_UsesTheTargetsOwnSpeed()
    {
        var idle = new Load(Running: 0, Parallel: 4, Engine: Snapshot(streamTokensPerSecond: 8));

        var prediction = LatencyPredictor.Predict(Local, idle, promptTokens: 10, outputTokens: 80);

        Assert.Equal(80 / Local.TokensPerSecond * 1000, prediction.TotalMs - prediction.TtftMs, 1);
    }

    [Fact]
    public void Predict_BackendWithoutMeasurements_UsesTheTargetsOwnSpeed()
    {
        var busy = new Load(Running: 2, Parallel: 4, Engine: null);

        var prediction = LatencyPredictor.Predict(Local, busy, promptTokens: 10, outputTokens: 80);

        Assert.Equal(80 / Local.TokensPerSecond * 1000, prediction.TotalMs - prediction.TtftMs, 1);
    }

    private static EngineSnapshot Snapshot(double streamTokensPerSecond) =>
        new(4, 3, 300, 4096, 1000, 0, 500, streamTokensPerSecond * 3, streamTokensPerSecond, 200, 3);

    private sealed record Load(int Running, int Parallel, EngineSnapshot? Engine) : ILoadInfo
    {
        public int Queued => 0;

        public int ContextLength => 4096;
    }
}
