namespace Locus.Mesh.Node;

/// <summary>The peer-to-peer HTTP surface (served on the mesh listener, HTTP/2 without TLS: every body is sealed or
/// is a pairing message whose security does not rest on the transport).</summary>
public static class MeshProtocol
{
    public const string Hello = "/mesh/v1/hello";
    public const string PairHello = "/mesh/v1/pair/hello";
    public const string PairConfirm = "/mesh/v1/pair/confirm";
    public const string Sync = "/mesh/v1/sync";

    /// <summary>Request header: where the sender's mesh listener is (so the shower can sync back).</summary>
    public const string UrlHeader = "x-locus-mesh-url";

    public const string NameHeader = "x-locus-mesh-name";

    /// <summary>Response header of a pairing hello; the confirmation names it.</summary>
    public const string SessionHeader = "x-locus-pairing-session";

    public const string ContentType = "application/octet-stream";
}

/// <summary>A mesh operation that failed in a way the user can act on; <see cref="Code"/> is the API error code.</summary>
public sealed class MeshException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
