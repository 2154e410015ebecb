using Locus.Ledger.Sqlite;
using Locus.Ledger.Tests.Infrastructure;

namespace Locus.Ledger.Tests;

public sealed class PromptStorageTests
{
    [Fact]
    public async Task AppendAsync_StorePromptsOff_LeavesPromptColumnNull()
    {
        using var folder = new LedgerFolder();
        await using (var ledger = UsageLedger.Open(folder.LedgerPath))
        {
            await ledger.AppendAsync(Rows.Make(prompt: "my secret plans"));
            Assert.Null((await ledger.RecentAsync(1))[0].Prompt);
        }

        Assert.Equal(0L, LedgerFile.Scalar(folder.LedgerPath, "SELECT count(*) FROM usage WHERE prompt IS NOT NULL"));
    }

    [Fact]
    public async Task AppendAsync_StorePromptsOn_StoresPromptText()
    {
        using var folder = new LedgerFolder();
        await using var ledger = UsageLedger.Open(folder.LedgerPath, new LedgerOptions { StorePrompts = true });

        await ledger.AppendAsync(Rows.Make(prompt: "summarize: ünïcode ✓"));
        await ledger.AppendAsync(Rows.Make(prompt: null));

        var recent = await ledger.RecentAsync(2);
        Assert.Null(recent[0].Prompt);
        Assert.Equal("summarize: ünïcode ✓", recent[1].Prompt);
    }

    [Fact]
    public void ToString_RecordWithPrompt_ShowsLengthNotText()
    {
        var text = Rows.Make(prompt: "my secret plans").ToString();

        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        Assert.Contains("[15 chars redacted]", text, StringComparison.Ordinal);
        Assert.Contains("Client = alice", text, StringComparison.Ordinal);
    }
}
