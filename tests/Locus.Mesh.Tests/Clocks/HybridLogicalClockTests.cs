using FsCheck;
using FsCheck.Fluent;
using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Clocks;
using Locus.Mesh.Encoding;

namespace Locus.Mesh.Tests.Clocks;

public sealed class HybridLogicalClockTests
{
    private static readonly ReplicaId A = new(1), B = new(2);

    [Fact]
    public void Now_PhysicalClockGoesBackwards_ReadingsKeepIncreasing()
    {
        var time = new ManualClock();
        var clock = new HybridLogicalClock(A, time);
        var first = clock.Now();
        time.Advance(-60_000);
        var second = clock.Now();
        var third = clock.Now();

        Assert.True(second > first && third > second);
        Assert.Equal(first.WallMs, third.WallMs);
        Assert.Equal(2u, third.Logical);
    }

    [Fact]
    public void Now_PhysicalClockCatchesUp_LogicalCounterResets()
    {
        var time = new ManualClock();
        var clock = new HybridLogicalClock(A, time);
        clock.Now();
        clock.Now();
        time.Advance(5);
        var later = clock.Now();

        Assert.Equal(time.NowMs, later.WallMs);
        Assert.Equal(0u, later.Logical);
    }

    [Fact]
    public void Receive_RemoteClockAhead_NextReadingIsLaterThanRemote()
    {
        var (timeA, timeB) = (new ManualClock(), new ManualClock(1_790_000_000_000 + 10_000));
        var (clockA, clockB) = (new HybridLogicalClock(A, timeA), new HybridLogicalClock(B, timeB));
        var remote = clockB.Now();
        clockA.Receive(remote);

        Assert.True(clockA.Now() > remote);
    }

    [Fact]
    public void NowAndReceive_RandomSkewsAndMessages_EveryReadingLaterThanAllItCausallyFollows() =>
        Prop.ForAll<int[], int, int>((steps, skewA, skewB) =>
        {
            var times = new[] { new ManualClock(1_790_000_000_000 + skewA % 5000), new ManualClock(1_790_000_000_000 + skewB % 5000) };
            var clocks = new[] { new HybridLogicalClock(A, times[0]), new HybridLogicalClock(B, times[1]) };
            var latest = new HlcTimestamp[2];
            foreach (var step in steps ?? [])
            {
                var (self, other) = (step & 1, (step & 1) ^ 1);
                times[self].Advance(step % 7 - 3); // small jumps, backwards too
                if ((step & 2) != 0)
                {
                    clocks[self].Receive(latest[other]);
                }

                var reading = clocks[self].Now();
                if (reading <= latest[self] || ((step & 2) != 0 && reading <= latest[other]))
                {
                    return false;
                }

                latest[self] = reading;
            }

            return true;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Receive_RemoteLogicalCounterFull_WallMovesOnAndReadingsKeepIncreasing()
    {
        var time = new ManualClock();
        var clock = new HybridLogicalClock(A, time);
        var full = new HlcTimestamp(time.NowMs, uint.MaxValue, B);
        clock.Receive(full);
        var next = clock.Now();

        Assert.True(next > full);
        Assert.Equal(time.NowMs + 1, next.WallMs);
    }

    [Fact]
    public void IsPlausible_RemoteBeyondDriftBound_False()
    {
        var time = new ManualClock();
        var clock = new HybridLogicalClock(A, time, TimeSpan.FromSeconds(30));

        Assert.True(clock.IsPlausible(new HlcTimestamp(time.NowMs + 29_000, 0, B)));
        Assert.False(clock.IsPlausible(new HlcTimestamp(time.NowMs + 31_000, 0, B)));
        Assert.True(new HybridLogicalClock(A, time).IsPlausible(new HlcTimestamp(long.MaxValue, 0, B)));
    }

    [Fact]
    public void CompareTo_SameWallAndLogical_ReplicaBreaksTie()
    {
        Assert.True(new HlcTimestamp(5, 1, B) > new HlcTimestamp(5, 1, A));
        Assert.True(new HlcTimestamp(5, 2, A) > new HlcTimestamp(5, 1, B));
        Assert.True(new HlcTimestamp(6, 0, A) > new HlcTimestamp(5, 9, B));
    }

    [Fact]
    public void WriteTo_ReadFrom_RoundTrips()
    {
        var stamp = new HlcTimestamp(1_790_000_000_123, 7, new ReplicaId(ulong.MaxValue));
        var writer = new VarWriter();
        stamp.WriteTo(writer);
        var reader = new VarReader(writer.ToArray());

        Assert.Equal(stamp, HlcTimestamp.ReadFrom(ref reader));
        Assert.True(reader.End);
    }
}
