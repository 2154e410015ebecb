using System.Net;
using System.Net.Sockets;

namespace Locus.Mesh.Node;

/// <summary>
/// Optional local discovery: each node multicasts "I am node ID, NAME, reachable at URL" on the LAN, and listens for
/// others. A discovered node is only an address: it is shown so the user can pair, and used for a paired peer whose
/// address stopped working. Nothing secret is announced, and nothing is trusted: sync still needs the pair key.
/// </summary>
internal sealed class LanDiscovery : IDisposable
{
    public static readonly IPAddress Group = IPAddress.Parse("239.255.76.67");
    private const string Magic = "locus-mesh/1";

    private readonly UdpClient _socket;
    private readonly int _port;

    public LanDiscovery(int port)
    {
        _port = port;
        _socket = new UdpClient(AddressFamily.InterNetwork);
        _socket.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Client.Bind(new IPEndPoint(IPAddress.Any, port));
        _socket.JoinMulticastGroup(Group);
        _socket.MulticastLoopback = true; // several nodes on one machine (and tests) hear each other
    }

    public async Task AnnounceAsync(MeshHello hello, Uri url, CancellationToken cancellationToken)
    {
        var datagram = System.Text.Encoding.UTF8.GetBytes($"{Magic}\n{hello.NodeId}\n{url}\n{hello.Name}");
        await _socket.SendAsync(datagram, new IPEndPoint(Group, _port), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Announcements from other nodes until cancelled; malformed datagrams are skipped.</summary>
    public async IAsyncEnumerable<(string NodeId, Uri Url, string Name)> ListenAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            if (Parse(received.Buffer) is { } announcement)
            {
                yield return announcement;
            }
        }
    }

    internal static (string NodeId, Uri Url, string Name)? Parse(byte[] datagram)
    {
        if (datagram.Length > 1024)
        {
            return null;
        }

        var parts = System.Text.Encoding.UTF8.GetString(datagram).Split('\n');
        return parts.Length == 4 && parts[0] == Magic && MeshNode.TryParseId(parts[1], out _)
               && Uri.TryCreate(parts[2], UriKind.Absolute, out var url) && url.Scheme == "http" && parts[3].Length <= 128
            ? (parts[1], url, parts[3])
            : null;
    }

    public void Dispose() => _socket.Dispose();
}
