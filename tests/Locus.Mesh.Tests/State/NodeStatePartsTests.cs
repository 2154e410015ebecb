using Locus.Mesh.State;

namespace Locus.Mesh.Tests.State;

public sealed class NodeStatePartsTests
{
    [Fact]
    public void AddSpend_OnThreeNodes_TotalsAddUpEverywhere()
    {
        var replicas = new[] { StateReplicas.Create(1), StateReplicas.Create(2), StateReplicas.Create(3) };
        var amounts = new ulong[] { 1_250, 40_000, 7 };
        for (var i = 0; i < replicas.Length; i++)
        {
            replicas[i].AddSpend("daily", amounts[i]);
            replicas[i].AddSpend("daily", amounts[i]);
        }

        replicas[1].RefundSpend("daily", amounts[2]);
        StateReplicas.SyncAll(replicas);

        var expected = (long)amounts.Sum(a => (decimal)a * 2) - (long)amounts[2];
        Assert.All(replicas, r => Assert.Equal(expected, r.SpendMicroUsd("daily")));
        Assert.All(replicas, r => Assert.Equal(0, r.SpendMicroUsd("monthly")));
    }

    [Fact]
    public void ReportNode_ConcurrentReports_LaterHlcWinsOnEveryReplica()
    {
        var time = new ManualTime(1_000_000);
        var laptop = StateReplicas.Create(1, time);
        var server = StateReplicas.Create(2, time);
        var early = new NodeRecord(["small"], "laptop-m2", 0.9, 0.1, 1);
        var late = new NodeRecord(["big"], "server-4090", 0.2, 0.8, 2);
        // The later report is written first and by the lower replica, so neither write order nor id decides.
        time.NowMs += 50;
        laptop.ReportNode("server", late);
        time.NowMs -= 30;
        server.ReportNode("server", early);

        StateReplicas.SyncAll([laptop, server]);

        foreach (var replica in new[] { laptop, server })
        {
            Assert.True(replica.TryGetNode("server", out var record));
            Assert.Equal(late.HardwareProfileId, record!.HardwareProfileId);
            Assert.Equal(late.Models, record.Models);
        }
    }

    [Fact]
    public void Documents_CreateRenameDeleteAcrossReplicas_FollowLastWrite()
    {
        var a = StateReplicas.Create(1);
        var b = StateReplicas.Create(2);
        a.CreateDocument("notes", "Notes");
        a.Text("notes").Insert(0, "hello");
        StateReplicas.Sync(a, b);
        b.RenameDocument("notes", "Journal");
        b.Text("notes").Insert(5, " world");
        StateReplicas.SyncAll([a, b]);

        Assert.Equal([new KeyValuePair<string, string>("notes", "Journal")], a.Documents);
        Assert.Equal("hello world", a.Text("notes").ToString());
        a.DeleteDocument("notes");
        StateReplicas.SyncAll([a, b]);
        Assert.Empty(b.Documents);
    }

    [Fact]
    public void AppendMessage_OnTwoNodes_HistoryInHlcOrderEverywhere()
    {
        var time = new ManualTime(5_000);
        var a = StateReplicas.Create(1, time);
        var b = StateReplicas.Create(2, time);
        a.AppendMessage(new ConversationMessage("c", "user", "first"));
        time.NowMs += 10;
        b.AppendMessage(new ConversationMessage("c", "assistant", "second"));
        time.NowMs += 10;
        a.AppendMessage(new ConversationMessage("c", "user", "third"));
        StateReplicas.SyncAll([a, b]);

        Assert.Equal(["first", "second", "third"], a.History.Select(m => m.Content));
        Assert.Equal(a.History, b.History);
    }

    [Fact]
    public void Merge_TruncatedOrExtendedDelta_FormatExceptionAndStateUnchanged()
    {
        var source = StateReplicas.Create(1);
        source.CreateDocument("d", "doc");
        source.Text("d").Insert(0, "text");
        source.SetPreference("tone", "brief");
        source.AddSpend("daily", 99);
        source.AppendMessage(new ConversationMessage("c", "user", "hi"));
        source.ReportNode("n", new NodeRecord(["m"], "p", 0.5, 0.5, 3));
        var target = StateReplicas.Create(2);
        target.SetPreference("tone", "long");
        var delta = source.DeltaFor(target.Version);
        var before = target.Encode();

        for (var length = 0; length < delta.Length; length++)
        {
            Assert.Throws<FormatException>(() => target.Merge(delta.AsSpan(0, length)));
        }

        Assert.Throws<FormatException>(() => target.Merge([.. delta, 0]));
        Assert.Equal(before, target.Encode());

        target.Merge(delta);
        target.Merge(delta);
        Assert.Equal(99, target.SpendMicroUsd("daily"));
    }
}
