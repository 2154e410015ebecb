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

    /// <summary>The file the config loader puts stored Responses API responses in when it names none.</summary>
    public const string DefaultResponsesStore = "~/.local/share/locus/responses.db";

    /// <summary>
    /// The SQLite file of stored Responses API responses (<c>store: true</c>). Null keeps them in memory, for as long as
    /// the server runs: what a server built in code gets; the config loader defaults to <see cref="DefaultResponsesStore"/>.
    /// </summary>
    public string? ResponsesStore { get; init; }

    /// <summary>How long a stored response can be continued or read back; older ones are purged.</summary>
    public TimeSpan ResponsesRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Replaces the compiler-generated member list so that <see cref="object.ToString"/> (and so any log line or
    /// exception that prints these options) shows how many API keys there are, never the keys themselves.
    /// </summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Host = ").Append(Host)
            .Append(", Port = ").Append(Port)
            .Append(", ApiKeys = [").Append(ApiKeys.Count).Append(" redacted]")
            .Append(", MaxRequestBodyBytes = ").Append(MaxRequestBodyBytes)
            .Append(", ResponsesStore = ").Append(ResponsesStore ?? "(memory)")
            .Append(", ResponsesRetention = ").Append(ResponsesRetention);
        return true;
    }
}
