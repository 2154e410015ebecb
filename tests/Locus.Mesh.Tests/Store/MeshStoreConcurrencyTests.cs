using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Counters;
using Locus.Mesh.Store;

namespace Locus.Mesh.Tests.Store;

public sealed class MeshStoreConcurrencyTests
{
    private static readonly ReplicaId Me = new(7);

    [Fact]
    public async Task LoadCounter_ReadersWhileWriterAppendsAndCompacts_NeverFailAndNeverGoBack()
    {
        using var folder = new StoreFolder();
        using var store = MeshStore.Open(folder.StorePath);
        store.Create("spend", DocumentKind.PnCounter);
        const int Appends = 400;
        var acknowledged = 0L;
        using var done = new CancellationTokenSource();
        var readCounts = new long[3];

        // Every 100 appends the writer waits until each reader has read again, so reads and writes really interleave
        // however the two cores are scheduled.
        void WaitForEveryReader()
        {
            var seen = readCounts.Select(c => Interlocked.Read(ref c)).ToArray();
            for (var r = 0; r < readCounts.Length; r++)
            {
                SpinWait.SpinUntil(() => Interlocked.Read(ref readCounts[r]) > seen[r], TimeSpan.FromSeconds(30));
            }
        }

        var writer = Task.Run(() =>
        {
            WaitForEveryReader();
            var counter = new PnCounter(Me);
            for (var i = 1; i <= Appends; i++)
            {
                var before = counter.Version;
                counter.Increment();
                var sequence = store.AppendDelta("spend", PnCounterDeltaCodec.Instance, counter.DeltaFor(before));
                Volatile.Write(ref acknowledged, i);
                if (i % 50 == 0)
                {
                    store.CompactState("spend", counter, sequence);
                }

                if (i % 100 == 0)
                {
                    WaitForEveryReader();
                }
            }

            done.Cancel();
        });

        var readers = Enumerable.Range(0, readCounts.Length).Select(reader => Task.Run(() =>
        {
            long last = 0, reads = 0;
            while (!done.IsCancellationRequested)
            {
                // Read after the ack: what the writer acknowledged before the read began must be visible.
                var floor = Volatile.Read(ref acknowledged);
                var value = store.LoadCounter("spend", Me).Document.Value;
                Assert.True(value >= floor, $"read {value} after {floor} were acknowledged");
                Assert.True(value >= last, $"read {value} after having read {last}");
                last = value;
                reads++;
                Interlocked.Increment(ref readCounts[reader]);
            }

            return reads;
        })).ToList();

        await writer;
        var reads = await Task.WhenAll(readers);

        Assert.All(reads, r => Assert.True(r >= Appends / 100, $"a reader read only {r} times"));
        Assert.Equal(Appends, store.LoadCounter("spend", Me).Document.Value);
    }
}
