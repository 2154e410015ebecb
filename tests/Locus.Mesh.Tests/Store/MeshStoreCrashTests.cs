using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Locus.Mesh.Crdt;
using Locus.Mesh.Crdt.Clocks;
using Locus.Mesh.Crdt.Sync;
using Locus.Mesh.Store;
using Xunit.Abstractions;

namespace Locus.Mesh.Tests.Store;

/// <summary>
/// Runs Locus.Mesh.CrashHelper as a real separate process on one store file, kills it (SIGKILL: no finally blocks, no
/// dispose, no checkpoint) at random points, and checks after every kill that each edit it acknowledged is there.
/// </summary>
public sealed class MeshStoreCrashTests(ITestOutputHelper output)
{
    private static readonly ReplicaId Helper = new(0x5EED_0000_0000_0001);

    [Fact]
    public async Task Append_HelperKilledAtRandomPoints_EveryAcknowledgedEditSurvives()
    {
        using var folder = new StoreFolder();
        var random = new Random(Environment.TickCount);
        var acknowledged = new List<long>();
        for (var round = 0; round < 4; round++)
        {
            var run = await RunUntilKilled(folder.StorePath, first: round * 1_000_000L, compactEvery: 0, killAfterAcks: random.Next(1, 400), killOnCompact: false);
            acknowledged.AddRange(run.Acks);
            AssertAllPresent(folder.StorePath, acknowledged);
        }
    }

    [Fact]
    public async Task Compact_HelperKilledWhileCompacting_EveryAcknowledgedEditSurvives()
    {
        using var folder = new StoreFolder();
        var random = new Random(Environment.TickCount);
        var acknowledged = new List<long>();
        var insideCompaction = 0;
        // Until two kills are known to have landed between "compact n" and "compacted n" (at most 12 rounds).
        for (var round = 0; round < 12 && insideCompaction < 2; round++)
        {
            var run = await RunUntilKilled(folder.StorePath, first: round * 1_000_000L, compactEvery: 20 + random.Next(30), killAfterAcks: random.Next(20, 200), killOnCompact: true);
            acknowledged.AddRange(run.Acks);
            insideCompaction += run.LastLine.StartsWith("compact ", StringComparison.Ordinal) ? 1 : 0;
            AssertAllPresent(folder.StorePath, acknowledged);
        }

        output.WriteLine($"{insideCompaction} kills landed inside a compaction");
        Assert.True(insideCompaction > 0, "no kill landed between the helper's compact and compacted lines");
    }

    private async Task<(IReadOnlyList<long> Acks, string LastLine)> RunUntilKilled(string path, long first, int compactEvery, int killAfterAcks, bool killOnCompact)
    {
        var acks = new ConcurrentQueue<long>();
        var lastLine = "";
        var kill = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Locus.Mesh.CrashHelper.dll"));
        start.ArgumentList.Add(path);
        start.ArgumentList.Add(first.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(compactEvery.ToString(CultureInfo.InvariantCulture));

        using var child = Process.Start(start)!;
        child.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            lastLine = line;
            if (line.StartsWith("ack ", StringComparison.Ordinal))
            {
                acks.Enqueue(long.Parse(line.AsSpan(4), CultureInfo.InvariantCulture));
            }
            // With killOnCompact the kill lands right after the helper announced a compaction: inside its transactions
            // or between them, depending on scheduling.
            var killNow = killOnCompact ? line.StartsWith("compact ", StringComparison.Ordinal) : true;
            if (killNow && acks.Count >= killAfterAcks && kill.TrySetResult())
            {
                KillNow(child);
            }
        };
        child.BeginOutputReadLine();
        var stderr = child.StandardError.ReadToEndAsync();

        var finished = await Task.WhenAny(kill.Task, child.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
        Assert.True(finished == kill.Task, $"the helper stopped early or hung after {acks.Count} acks; stderr: {(child.HasExited ? await stderr : "")}");
        await child.WaitForExitAsync(); // also drains the lines printed before the kill
        output.WriteLine($"killed after {acks.Count} acks (asked for {killAfterAcks}, compact every {compactEvery}), last line '{lastLine}'");
        return ([.. acks], lastLine);
    }

    // Here, as the line arrives, not after a task continuation: the helper is still inside the step it announced.
    // Process.Kill is SIGKILL on Linux and TerminateProcess on Windows: the helper runs no more code.
    private static void KillNow(Process child)
    {
        try
        {
            child.Kill();
        }
        catch (InvalidOperationException)
        {
            // It exited by itself; the test reports that as the helper stopping early.
        }
    }

    private static void AssertAllPresent(string path, List<long> acknowledged)
    {
        using var store = MeshStore.Open(path);
        var text = store.LoadText(CrashDocuments.Text, Helper).Document;
        var map = store.LoadMap(CrashDocuments.Map, Helper, new HybridLogicalClock(Helper, TimeProvider.System), ValueCodecs.String).Document;
        var set = store.LoadSet(CrashDocuments.Set, Helper, ValueCodecs.String).Document;
        var counter = store.LoadCounter(CrashDocuments.Counter, Helper).Document;

        var content = text.ToString();
        AssertNoneMissing("text", acknowledged.Where(n => !content.Contains(CrashDocuments.Token(n), StringComparison.Ordinal)));
        AssertNoneMissing("map", acknowledged.Where(n => !map.TryGetValue(CrashDocuments.Key(n), out var v) || v != CrashDocuments.Value(n)));
        AssertNoneMissing("set", acknowledged.Where(n => !set.Contains(CrashDocuments.Key(n))));
        Assert.True(counter.Value >= acknowledged.Count, $"counter {counter.Value} below {acknowledged.Count} acknowledged increments");
        // What was loaded also round-trips through its own encoding: the documents decode, not just the tokens.
        Assert.Equal(content, Locus.Mesh.Crdt.Text.TextDocument.Decode(text.Encode(), Helper).ToString());
    }

    private static void AssertNoneMissing(string document, IEnumerable<long> missing)
    {
        var list = missing.ToList();
        Assert.True(list.Count == 0, $"{list.Count} acknowledged edits missing from the {document} document, e.g. {string.Join(", ", list.Take(5))}");
    }
}
