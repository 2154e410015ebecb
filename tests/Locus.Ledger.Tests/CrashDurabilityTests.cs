using System.Collections.Concurrent;
using System.Diagnostics;
using Locus.Ledger.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Locus.Ledger.Tests;

public sealed class CrashDurabilityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AppendAsync_ProcessKilledMidRun_EveryAcknowledgedRowIsInTheFile()
    {
        using var folder = new LedgerFolder();
        var acknowledged = new ConcurrentBag<long>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Locus.Ledger.Tests.dll"));
        start.ArgumentList.Add(Program.CrashWriterCommand);
        start.ArgumentList.Add(folder.LedgerPath);

        using var child = Process.Start(start)!;
        child.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("ack ", StringComparison.Ordinal))
            {
                acknowledged.Add(long.Parse(line.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture));
                if (acknowledged.Count >= 2000)
                {
                    enough.TrySetResult();
                }
            }
        };
        child.BeginOutputReadLine();
        var stderr = child.StandardError.ReadToEndAsync();

        var finished = await Task.WhenAny(enough.Task, child.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(finished == enough.Task, $"the writer stopped early or hung; acks {acknowledged.Count}; stderr: {(child.HasExited ? await stderr : "")}");
        child.Kill(); // SIGKILL: no finally blocks, no dispose, no checkpoint
        await child.WaitForExitAsync(); // also drains the lines printed before the kill

        var stored = LedgerFile.Column(folder.LedgerPath, "SELECT model FROM usage").ToHashSet();
        var missing = acknowledged.Where(id => !stored.Contains($"row-{id}")).ToList();
        output.WriteLine($"{acknowledged.Count} rows acknowledged before the kill, {stored.Count} rows in the file");
        Assert.True(acknowledged.Count >= 2000);
        Assert.Empty(missing);
    }
}
