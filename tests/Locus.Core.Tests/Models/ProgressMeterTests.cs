using Locus.Core.Models;

namespace Locus.Core.Tests.Models;

public sealed class ProgressMeterTests
{
    [Fact]
    public void Report_AfterTwoSecondsAndAThousandBytes_Reports500BytesPerSecond()
    {
        var time = new StepTimeProvider();
        var log = new ProgressLog();
        var meter = new ProgressMeter(log, time, TimeSpan.FromMilliseconds(250));

        meter.Add(1000);
        time.Advance(TimeSpan.FromSeconds(2));
        meter.Report(5000, 10_000, force: true);

        Assert.Equal([new DownloadProgress(5000, 10_000, 500)], log.Reports);
    }

    [Fact]
    public void Report_CalledAgainWithinInterval_IsThrottledUnlessForced()
    {
        var time = new StepTimeProvider();
        var log = new ProgressLog();
        var meter = new ProgressMeter(log, time, TimeSpan.FromMilliseconds(250));

        meter.Report(1, null);
        time.Advance(TimeSpan.FromMilliseconds(100));
        meter.Report(2, null);
        time.Advance(TimeSpan.FromMilliseconds(200));
        meter.Report(3, null);
        meter.Report(4, null, force: true);

        Assert.Equal([1L, 3L, 4L], log.Reports.Select(r => r.BytesDone));
    }

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class StepTimeProvider : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }
}
