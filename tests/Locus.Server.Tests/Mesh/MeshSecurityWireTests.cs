using System.Net;
using System.Security.Cryptography;
using Locus.Mesh.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace Locus.Server.Tests.Mesh;

/// <summary>
/// Hostile peers over the real mesh listener: each refusal answers 403 with its reason, is logged with its event id
/// (61xx), and leaves the node's state untouched. The well-formed case is accepted, so the refusals are not vacuous.
/// </summary>
public sealed class MeshSecurityWireTests
{
    [Fact]
    public async Task Sync_PairedPeer_Accepted()
    {
        await using var node = await MeshServer.StartAsync("a");
        using var peer = NodeIdentity.Create();
        var guard = Guard(peer, await MeshWire.PairAsync(node, peer));

        var (status, _) = await MeshWire.SendSyncAsync(node, guard.Seal(IdOf(node), MeshWire.SyncRequest("notes", "hello")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("hello", await node.ReadMemoryAsync("notes"));
    }

    [Fact]
    public async Task Sync_UnpairedNode_RefusedAndLogged()
    {
        await using var node = await MeshServer.StartAsync("a");
        using var stranger = NodeIdentity.Create();
        var keyring = MeshSecurity.CreateKeyring(NullLogger.Instance);
        keyring.Add(new PairedPeer(IdOf(node), [], RandomNumberGenerator.GetBytes(32), DateTimeOffset.UtcNow));

        await AssertRefusedAsync(node, Guard(stranger, keyring).Seal(IdOf(node), MeshWire.SyncRequest("notes", "injected")), "UnpairedSender", 6113);
    }

    [Fact]
    public async Task Sync_WrongKey_RefusedAndLogged()
    {
        await using var node = await MeshServer.StartAsync("a");
        using var peer = NodeIdentity.Create();
        await MeshWire.PairAsync(node, peer);
        var forged = MeshSecurity.CreateKeyring(NullLogger.Instance);
        forged.Add(new PairedPeer(IdOf(node), [], RandomNumberGenerator.GetBytes(32), DateTimeOffset.UtcNow));

        await AssertRefusedAsync(node, Guard(peer, forged).Seal(IdOf(node), MeshWire.SyncRequest("notes", "injected")), "BadMac", 6115);
    }

    [Fact]
    public async Task Sync_TamperedMessage_RefusedAndLogged()
    {
        await using var node = await MeshServer.StartAsync("a");
        using var peer = NodeIdentity.Create();
        var envelope = Guard(peer, await MeshWire.PairAsync(node, peer)).Seal(IdOf(node), MeshWire.SyncRequest("notes", "injected"));
        envelope[^20] ^= 0x01; // a ciphertext byte

        await AssertRefusedAsync(node, envelope, "BadMac", 6115);
    }

    [Fact]
    public async Task Sync_ReplayedMessage_RefusedAndLogged()
    {
        await using var node = await MeshServer.StartAsync("a");
        using var peer = NodeIdentity.Create();
        var envelope = Guard(peer, await MeshWire.PairAsync(node, peer)).Seal(IdOf(node), MeshWire.SyncRequest("notes", "once"));
        Assert.Equal(HttpStatusCode.OK, (await MeshWire.SendSyncAsync(node, envelope)).Status);
        await node.WriteMemoryAsync("notes", "changed since");

        await AssertRefusedAsync(node, envelope, "Replayed", 6116, expectedText: "changed since");
    }

    [Fact]
    public async Task Sync_RevokedPeer_RefusedAndLogged()
    {
        await using var node = await MeshServer.StartAsync("a");
        using var peer = NodeIdentity.Create();
        var guard = Guard(peer, await MeshWire.PairAsync(node, peer));
        using var revoked = await node.Api.DeleteAsync($"/v1/mesh/peers/{peer.Id}");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        await AssertRefusedAsync(node, guard.Seal(IdOf(node), MeshWire.SyncRequest("notes", "injected")), "RevokedSender", 6114);
    }

    [Fact]
    public async Task Sync_ReplayedAfterRestart_RefusedAndLogged()
    {
        var dir = Directory.CreateTempSubdirectory("locus-mesh-replay-").FullName;
        using var peer = NodeIdentity.Create();
        IMessageGuard guard;
        byte[] envelope;
        await using (var node = await MeshServer.StartAsync("a", dir))
        {
            guard = Guard(peer, await MeshWire.PairAsync(node, peer));
            envelope = guard.Seal(IdOf(node), MeshWire.SyncRequest("notes", "once"));
            Assert.Equal(HttpStatusCode.OK, (await MeshWire.SendSyncAsync(node, envelope)).Status);
        }

        await using var restarted = await MeshServer.StartAsync("a", dir);
        await restarted.WriteMemoryAsync("notes", "changed since");

        await AssertRefusedAsync(restarted, envelope, "SequenceTooOld", 6117, expectedText: "changed since");
        var fresh = guard.Seal(IdOf(restarted), MeshWire.SyncRequest("other", "later"));
        Assert.Equal(HttpStatusCode.OK, (await MeshWire.SendSyncAsync(restarted, fresh)).Status);
    }

    private static async Task AssertRefusedAsync(MeshServer node, byte[] envelope, string reason, int eventId, string? expectedText = null)
    {
        var (status, body) = await MeshWire.SendSyncAsync(node, envelope);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains($"\"code\":\"{reason}\"", body, StringComparison.Ordinal);
        Assert.Contains(node.Logs.Entries, e => e.Id.Id == eventId);
        Assert.Equal(expectedText, await node.ReadMemoryAsync("notes"));
    }

    private static IMessageGuard Guard(NodeIdentity identity, IPeerKeyring keyring) =>
        MeshSecurity.CreateGuard(identity, keyring, new MeshSecurityOptions(), TimeProvider.System, NullLogger.Instance);

    private static NodeId IdOf(MeshServer node) => new(ulong.Parse(node.Mesh.Id, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture));
}
