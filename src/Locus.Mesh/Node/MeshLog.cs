using Microsoft.Extensions.Logging;

namespace Locus.Mesh.Node;

/// <summary>Mesh node log lines, stable event ids 62xx. Never payloads or keys: node ids, sizes, reasons.</summary>
internal static partial class MeshLog
{
    [LoggerMessage(6201, LogLevel.Information, "Mesh node {Node} ({Name}) open: {Peers} paired peers, state in {Path}")]
    public static partial void Opened(ILogger logger, string node, string name, int peers, string path);

    [LoggerMessage(6202, LogLevel.Debug, "Mesh sync with {Peer}: sent {Sent} bytes, received {Received} bytes")]
    public static partial void Synced(ILogger logger, string peer, int sent, int received);

    [LoggerMessage(6203, LogLevel.Warning, "Mesh sync with {Peer} failed: {Reason}")]
    public static partial void SyncFailed(ILogger logger, string peer, string reason);

    [LoggerMessage(6204, LogLevel.Information, "Mesh sync from {Peer} served: received {Received} bytes, sent {Sent} bytes")]
    public static partial void Served(ILogger logger, string peer, int received, int sent);

    [LoggerMessage(6205, LogLevel.Warning, "Mesh sync from {Peer} refused: {Reason}")]
    public static partial void ServeRefused(ILogger logger, string peer, string reason);

    [LoggerMessage(6206, LogLevel.Information, "Mesh pairing code offered, valid until {Expires}")]
    public static partial void Offered(ILogger logger, DateTimeOffset expires);

    [LoggerMessage(6207, LogLevel.Warning, "Mesh static peer {Url} could not be identified: {Reason}")]
    public static partial void HelloFailed(ILogger logger, string url, string reason);

    [LoggerMessage(6208, LogLevel.Warning, "Mesh discovery announcement failed: {Reason}")]
    public static partial void DiscoveryFailed(ILogger logger, string reason);

    [LoggerMessage(6209, LogLevel.Debug, "Mesh state collected {Dropped} deleted code points and tombstones seen by all {Peers} peers")]
    public static partial void Collected(ILogger logger, int dropped, int peers);

    [LoggerMessage(6210, LogLevel.Error, "Mesh sync round failed; the next round runs as usual")]
    public static partial void RoundFailed(ILogger logger, Exception exception);
}
