using Locus.Ledger.Sqlite;
using Locus.Ledger.Tests.Infrastructure;

namespace Locus.Ledger.Tests;

/// <summary>
/// This test assembly doubles as the child process of <see cref="CrashDurabilityTests"/>:
/// <c>dotnet Locus.Ledger.Tests.dll crash-writer PATH</c> appends rows from 8 tasks until it is killed, printing
/// <c>ack N</c> only after row N's AppendAsync completed. The test runner never calls Main.
/// </summary>
internal static class Program
{
    public const string CrashWriterCommand = "crash-writer";

    public static async Task<int> Main(string[] args)
    {
        if (args is not [CrashWriterCommand, var path])
        {
            await Console.Error.WriteLineAsync($"usage: {CrashWriterCommand} LEDGER_PATH");
            return 2;
        }

        var ledger = UsageLedger.Open(path);
        var next = 0L;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var id = Interlocked.Increment(ref next);
                await ledger.AppendAsync(Rows.Make(model: $"row-{id}", cost: 0.001m));
                Console.Out.WriteLine($"ack {id}"); // Console.Out flushes every line
            }
        })));
        return 0;
    }
}
