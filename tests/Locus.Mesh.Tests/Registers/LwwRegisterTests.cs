using Locus.Mesh.Crdt.Registers;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Encoding;
using static Locus.Mesh.Tests.Registers.Replicas;

namespace Locus.Mesh.Tests.Registers;

public sealed class LwwRegisterTests
{
    [Fact]
    public void Merge_ConcurrentWritesAtSameInstant_HigherReplicaWinsOnBothSides()
    {
        var (low, _) = Register(1);
        var (high, _) = Register(2);
        low.Set("from low");
        high.Set("from high");
        var lowDelta = low.DeltaFor(high.Version);
        Sync(high, low);
        high.Merge(lowDelta);

        Assert.Equal("from high", low.Value);
        Assert.Equal("from high", high.Value);
    }

    [Fact]
    public void Set_AfterSeeingWriteFromClockAhead_NewWriteWins()
    {
        var (behind, _) = Register(1);
        var (ahead, _) = Register(2, skewMs: 60_000);
        ahead.Set("first");
        Sync(ahead, behind);
        behind.Set("second, causally after");
        Sync(behind, ahead);

        Assert.Equal("second, causally after", ahead.Value);
    }

    [Fact]
    public void Clear_NewerThanSet_RegisterEmptyEverywhere()
    {
        var (a, time) = Register(1);
        var (b, _) = Register(2);
        a.Set("x");
        Sync(a, b);
        time.Advance(1);
        b.Clear();
        Sync(b, a);

        Assert.False(a.HasValue);
        Assert.Equal(DeltaCodec.EncodeState(a), DeltaCodec.EncodeState(b));
    }

    [Fact]
    public void Load_EncodedState_RoundTripsAndKeepsCounting()
    {
        var (a, _) = Register(1);
        a.Set("saved");
        var (restored, _) = Register(1);
        restored.Load(DeltaCodec.EncodeState(a));
        restored.Set("after restart");

        Assert.Equal(2UL, restored.Version[new(1)]);
        Assert.Equal("after restart", restored.Value);
    }

    [Fact]
    public void Load_UnknownPresenceFlag_ThrowsFormatException()
    {
        var writer = new VarWriter().Byte(DeltaCodec.FormatVersion);
        new Locus.Mesh.Crdt.VersionVector().WriteTo(writer);
        writer.Byte(7);
        var (register, _) = Register(1);

        Assert.Throws<FormatException>(() => register.Load(writer.ToArray()));
        Assert.False(register.HasValue);
    }
}
