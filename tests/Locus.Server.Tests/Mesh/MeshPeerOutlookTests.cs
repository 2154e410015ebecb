using Locus.Node.Mesh;
using Locus.Routing.Options;
using Locus.Server.Mesh;

namespace Locus.Server.Tests.Mesh;

/// <summary>Delegation reads each peer's own directory report, replicated by the mesh, through <see cref="MeshPeerOutlook"/>.</summary>
public sealed class MeshPeerOutlookTests
{
    [Fact]
    public async Task Report_PairedAndSyncedPeer_MatchedByNameOrHost()
    {
        await using var laptop = await MeshServer.StartAsync("laptop");
        await using var studio = await MeshServer.StartAsync("studio");
        await laptop.PairWithAsync(studio);
        await laptop.PostAsync("/v1/mesh/sync", null);
        var config = new RouterConfig
        {
            Targets =
            [
                Peer("studio", "http://192.168.1.20:11480/v1"),
                Peer("big-box", "http://127.0.0.1:11480/v1"),
                Peer("elsewhere", "http://10.0.0.9:11480/v1"),
            ],
        };
        var outlook = new MeshPeerOutlook(laptop.Mesh, config);

        var byName = outlook.Report("studio");
        var byHost = outlook.Report("big-box");

        Assert.NotNull(byName);
        Assert.Equal(1.0, byName.ThermalHeadroom);
        Assert.Equal(0.0, byName.Load);
        Assert.InRange(DateTimeOffset.UtcNow - byName.SeenAt, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Assert.Equal(byName, byHost);
        Assert.Null(outlook.Report("elsewhere"));
    }

    [Fact]
    public async Task Report_PeerNeverSynced_Null()
    {
        await using var laptop = await MeshServer.StartAsync("laptop");
        await using var studio = await MeshServer.StartAsync("studio");
        await laptop.PairWithAsync(studio);

        Assert.Null(new MeshPeerOutlook(laptop.Mesh, new RouterConfig { Targets = [Peer("studio", "http://127.0.0.1:1/v1")] }).Report("studio"));
    }

    private static TargetOptions Peer(string name, string url) => new()
    {
        Name = name,
        Kind = TargetKind.Peer,
        Model = "auto",
        BaseUrl = new Uri(url),
        OnDevice = true,
        SupportsTools = false,
    };
}
