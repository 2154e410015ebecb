using System.Text;

namespace Locus.Core.Configuration;

/// <summary>The HTTP endpoint: where it listens, who may call it, and how much it accepts.</summary>
public sealed record ServerOptions
{
    public const int DefaultPort = 11480;

    /// <summary>Address to listen on. Anything but loopback requires <see cref="ApiKeys"/>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = DefaultPort;

    /// <summary>Accepted bearer tokens. Empty: no auth, which is allowed only on loopback. Never printed.</summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary>Largest accepted request body; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>
    /// Replaces the compiler-generated member list so that <see cref="object.ToString"/> (and so any log line or
    /// exception that prints these options) shows how many API keys there are, never the keys themselves.
    /// </summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Host = ").Append(Host)
            .Append(", Port = ").Append(Port)
            .Append(", ApiKeys = [").Append(ApiKeys.Count).Append(" redacted]")
            .Append(", MaxRequestBodyBytes = ").Append(MaxRequestBodyBytes);
        return true;
    }
}
