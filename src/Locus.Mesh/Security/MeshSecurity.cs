using Microsoft.Extensions.Logging;

namespace Locus.Mesh.Security;

/// <summary>Entry points for the security layer; see docs/mesh.md "Security".</summary>
public static class MeshSecurity
{
    public static IPeerKeyring CreateKeyring(ILogger logger) => new PeerKeyring(logger);

    public static IMessageGuard CreateGuard(NodeIdentity identity, IPeerKeyring keyring, MeshSecurityOptions options, TimeProvider time, ILogger logger) =>
        new MessageGuard(identity, keyring, options, time, logger);
}
