using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Locus.Server.Tests.Mesh;

/// <summary>LAN discovery by UDP multicast: two nodes with <c>discovery: true</c> list each other, unpaired.</summary>
public sealed class MeshDiscoveryTests
{
    [MulticastFact]
    public async Task Discovery_On_NodesListEachOtherAsDiscoveredNotPaired()
    {
        var port = FreeUdpPort();
        var lines = $"  discovery: true\n  discovery_port: {port}";
        await using var a = await MeshServer.StartAsync("a", extraMesh: lines, syncIntervalMs: 200);
        await using var b = await MeshServer.StartAsync("b", extraMesh: lines, syncIntervalMs: 200);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        JsonObject? seen = null;
        while (DateTime.UtcNow < deadline)
        {
            var peers = (await a.Api.GetFromJsonAsync<JsonObject>("/v1/mesh/peers"))!["peers"]!.AsArray();
            seen = peers.OfType<JsonObject>().FirstOrDefault(p => (string?)p["id"] == b.Mesh.Id);
            if (seen is not null)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.NotNull(seen);
        Assert.True((bool)seen["discovered"]!);
        Assert.False((bool)seen["paired"]!);
        Assert.Equal(b.MeshUrl.ToString(), (string?)seen["url"]);
        Assert.Equal("b", (string?)seen["name"]);
    }

    [Fact]
    public async Task Discovery_Off_NothingHeard()
    {
        var port = FreeUdpPort();
        await using var a = await MeshServer.StartAsync("a", extraMesh: $"  discovery_port: {port}", syncIntervalMs: 200);
        await using var b = await MeshServer.StartAsync("b", extraMesh: $"  discovery: true\n  discovery_port: {port}", syncIntervalMs: 200);
        await Task.Delay(1000);

        var peers = (await a.Api.GetFromJsonAsync<JsonObject>("/v1/mesh/peers"))!["peers"]!.AsArray();
        Assert.Empty(peers);
    }

    /// <summary>Skips where this machine cannot send to a multicast group (no multicast route, e.g. no network at all).</summary>
    private sealed class MulticastFactAttribute : FactAttribute
    {
        public MulticastFactAttribute()
        {
            try
            {
                using var probe = new UdpClient(System.Net.Sockets.AddressFamily.InterNetwork);
                probe.Send([0], new System.Net.IPEndPoint(System.Net.IPAddress.Parse("239.255.76.67"), FreeUdpPort()));
            }
            catch (SocketException ex)
            {
                Skip = $"this machine cannot send multicast ({ex.Message}), so LAN discovery cannot be tested here";
            }
        }
    }

    private static int FreeUdpPort()
    {
        using var probe = new UdpClient(0);
        return ((System.Net.IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }
}
