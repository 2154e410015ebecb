namespace Locus.Cli.Tests.Mesh;

/// <summary>
/// Three `locus serve` processes on loopback syncing every 200 ms through cuttable TCP links: a partitioned node and
/// the rest edit independently and converge after the heal; a node killed with SIGKILL while syncing under
/// continuous writes loses none of the writes it acknowledged.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MeshClusterTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Partition_EditBothSides_HealConverges()
    {
        await using var cluster = await MeshCluster.StartAsync("a", "b", "c");
        await PairAllAsync(cluster);
        await cluster["a"].PostAsync("/v1/memory/plan/append", new { text = "shared\n" });
        await cluster.WaitForConvergenceAsync(async n => (await n.MemoryAsync("plan")) == "shared\n", Converge);

        cluster.Partition("c");
        await cluster["a"].PostAsync("/v1/memory/plan/append", new { text = "from a\n" });
        await cluster["b"].PostAsync("/v1/memory/plan/append", new { text = "from b\n" });
        await cluster["c"].PostAsync("/v1/memory/plan/append", new { text = "from c\n" });
        await cluster["c"].PostAsync("/v1/memory/offline/append", new { text = "written while cut off" });
        // a and b keep syncing (under CI load a round can take a while): wait for b's edit to reach a, then check
        // that nothing crossed the cut in all that time.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await cluster["a"].MemoryAsync("plan")).Contains("from b", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await Task.Delay(1000); // and a few more rounds

        var (onA, onC) = (await cluster["a"].MemoryAsync("plan"), await cluster["c"].MemoryAsync("plan"));
        var seen = $"a has {onA.ReplaceLineEndings("|")}; c has {onC.ReplaceLineEndings("|")}";
        Assert.True(onA.Contains("from b", StringComparison.Ordinal), "a and b stopped syncing: " + seen + "\n" + string.Join("\n---\n", cluster.Nodes.Select(n => n.Name + ":\n" + n.Output[^Math.Min(3000, n.Output.Length)..])));
        Assert.False(onA.Contains("from c", StringComparison.Ordinal), "c's edit crossed the partition: " + seen);
        Assert.False(onC.Contains("from a", StringComparison.Ordinal), "a's edit crossed the partition: " + seen);

        cluster.Heal();
        var healed = System.Diagnostics.Stopwatch.StartNew();
        await cluster.WaitForConvergenceAsync(async n =>
        {
            var plan = await n.MemoryAsync("plan");
            return plan.StartsWith("shared\n", StringComparison.Ordinal) && plan.Length == "shared\nfrom a\nfrom b\nfrom c\n".Length
                && new[] { "from a\n", "from b\n", "from c\n" }.All(l => plan.Contains(l, StringComparison.Ordinal))
                && await n.MemoryAsync("offline") == "written while cut off";
        }, Converge);
        output.WriteLine($"converged {healed.ElapsedMilliseconds} ms after the heal");
        // A sync round that failed in a way nobody foresaw is logged as an error (and, once, silently ended syncing).
        Assert.All(cluster.Nodes, n => Assert.DoesNotContain("fail: Locus.Mesh", n.Output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task KillNineWhileSyncing_NoAcknowledgedChangeLost()
    {
        await using var cluster = await MeshCluster.StartAsync("a", "b", "c");
        await PairAllAsync(cluster);
        var acked = new List<string>();
        var random = new Random(6);
        for (var kill = 0; kill < 3; kill++)
        {
            // c and a write at once while rounds run every 200 ms; c dies at a random point, mid-write and mid-sync.
            using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(600 + random.Next(900)));
            var fromA = WriteUntilAsync(cluster["a"], $"a{kill}", stop.Token);
            var fromC = WriteUntilAsync(cluster["c"], $"c{kill}", stop.Token);
            await Task.Delay(TimeSpan.FromMilliseconds(300 + random.Next(900)));
            cluster["c"].KillHard();
            var (c, a) = (await fromC, await fromA);
            output.WriteLine($"round {kill}: c acknowledged {c.Count} appends before SIGKILL, a {a.Count}");
            acked.AddRange(c);
            acked.AddRange(a);
            await cluster.StartNodeAsync(cluster["c"]);

            var log = await cluster["c"].MemoryAsync("log");
            Assert.All(acked.Where(l => l.StartsWith('c')), line => Assert.Contains(line + "\n", log, StringComparison.Ordinal));
        }

        Assert.Contains(acked, l => l.StartsWith('c'));
        var healed = System.Diagnostics.Stopwatch.StartNew();
        await cluster.WaitForConvergenceAsync(async n =>
        {
            var log = await n.MemoryAsync("log");
            return acked.All(line => log.Contains(line + "\n", StringComparison.Ordinal));
        }, Converge);
        output.WriteLine($"{acked.Count} acknowledged appends on all three nodes {healed.ElapsedMilliseconds} ms after the last restart");
    }

    /// <summary>Appends numbered lines until cancelled or the node dies; returns the lines it acknowledged.</summary>
    private static async Task<List<string>> WriteUntilAsync(ClusterNode node, string prefix, CancellationToken stop)
    {
        var acked = new List<string>();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var line = $"{prefix}-{i}";
            try
            {
                using var response = await node.Api.PostAsync($"/v1/memory/log/append",
                    System.Net.Http.Json.JsonContent.Create(new { text = line + "\n" }), CancellationToken.None);
                if (!response.IsSuccessStatusCode)
                {
                    break;
                }

                acked.Add(line);
            }
            catch (HttpRequestException)
            {
                break; // killed: this write was never acknowledged
            }
        }

        return acked;
    }

    private static async Task PairAllAsync(MeshCluster cluster)
    {
        await cluster.PairAsync("a", "b");
        await cluster.PairAsync("a", "c");
        await cluster.PairAsync("b", "c");
    }
}
