namespace Locus.Core.Configuration;

public sealed record ServerOptions
{
    public const int DefaultPort = 11480;

    /// <summary>Address to listen on. Anything but loopback requires <see cref="ApiKeys"/>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = DefaultPort;

    /// <summary>Accepted bearer tokens. Empty: no auth, which is allowed only on loopback.</summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary>Largest accepted request body; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 8 * 1024 * 1024;
}
