using System.Net;
using System.Net.Http.Headers;
using Locus.Mesh.Encoding;
using Locus.Mesh.Security;
using Locus.Mesh.State;

namespace Locus.Server.Tests.Mesh;

/// <summary>Speaks the mesh protocol from the test, as a separate node would, built only from the public library
/// (identity, pairing, guard) and the documented sync layout — so tests can also speak it wrongly on purpose.</summary>
internal static class MeshWire
{
    public static HttpClient Client() => new()
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Pairs a fresh identity with <paramref name="node"/> over HTTP; returns the joiner's keyring.</summary>
    public static async Task<IPeerKeyring> PairAsync(MeshServer node, NodeIdentity identity)
    {
        var code = (string)(await node.PostAsync("/v1/mesh/pair", null))["code"]!;
        var keyring = MeshSecurity.CreateKeyring(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        using var join = new PairingJoin(identity, code, keyring, new MeshSecurityOptions(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        using var http = Client();
        using var hello = await http.PostAsync(new Uri(node.MeshUrl, "/mesh/v1/pair/hello"), Bytes(join.Hello));
        var accepted = join.Accept(await hello.Content.ReadAsByteArrayAsync());
        Assert.True(accepted.Succeeded, accepted.Refusal.ToString());
        var confirm = Bytes(accepted.Confirm!);
        confirm.Headers.Add("x-locus-pairing-session", hello.Headers.GetValues("x-locus-pairing-session").First());
        using var confirmed = await http.PostAsync(new Uri(node.MeshUrl, "/mesh/v1/pair/confirm"), confirm);
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        return keyring;
    }

    /// <summary>A sync request (layout in docs/mesh.md) carrying a memory document written by this stranger.</summary>
    public static byte[] SyncRequest(string documentId, string text)
    {
        var replica = Locus.Mesh.Crdt.ReplicaId.NewRandom();
        var state = new NodeState(replica, new Locus.Mesh.Crdt.Clocks.HybridLogicalClock(replica, TimeProvider.System));
        state.CreateDocument(documentId, documentId);
        state.Text(documentId).Insert(0, text);
        var writer = new VarWriter().Byte(0x51).String("").String("stranger");
        NodeStateVersion.Empty.WriteTo(writer);
        return writer.Bytes(state.DeltaFor(NodeStateVersion.Empty)).ToArray();
    }

    public static async Task<(HttpStatusCode Status, string Body)> SendSyncAsync(MeshServer node, byte[] envelope)
    {
        using var http = Client();
        using var response = await http.PostAsync(new Uri(node.MeshUrl, "/mesh/v1/sync"), Bytes(envelope));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static ByteArrayContent Bytes(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }
}
