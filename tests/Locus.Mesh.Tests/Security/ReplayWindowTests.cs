using FsCheck;
using FsCheck.Fluent;
using Locus.Mesh.Security;

namespace Locus.Mesh.Tests.Security;

public sealed class ReplayWindowTests
{
    [Fact]
    public void TryAccept_AnyArrivalOrder_EachNumberAcceptedAtMostOnce() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), arrivals =>
        {
            var window = new ReplayWindow(8);
            var accepted = new List<ulong>();
            foreach (var n in arrivals ?? [])
            {
                if (window.TryAccept(n + 1UL) == EnvelopeRefusal.None)
                {
                    accepted.Add(n + 1UL);
                }
            }

            Assert.Equal(accepted.Count, accepted.Distinct().Count());
            var distinct = (arrivals ?? []).Distinct().ToList();
            if (distinct.Count <= 8)
            {
                Assert.Equal(distinct.Count, accepted.Count); // nothing new is lost while the window holds everything
            }
        }));

    [Fact]
    public void TryAccept_Repeat_Replayed()
    {
        var window = new ReplayWindow(8);
        Assert.Equal(EnvelopeRefusal.None, window.TryAccept(5));
        Assert.Equal(EnvelopeRefusal.Replayed, window.TryAccept(5));
    }
}
