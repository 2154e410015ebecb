using System.Net;
using Locus.Core.Configuration;
using Locus.Core.Errors;

namespace Locus.Server.Hosting;

/// <summary>Checks the server settings before anything binds, so a bad config fails with a sentence, not a socket error.</summary>
internal static class ListenAddress
{
    public static IPEndPoint Resolve(ServerOptions options)
    {
        if (options.Port is < 0 or > 65535)
        {
            throw Config("server.port", $"server.port must be 0..65535 (0 = any free port), not {options.Port}.");
        }

        if (options.MaxRequestBodyBytes <= 0)
        {
            throw Config("server.max_request_body_bytes", "server.max_request_body_bytes must be positive.");
        }

        if (options.ApiKeys.Any(string.IsNullOrWhiteSpace))
        {
            throw Config("server.api_keys", "server.api_keys holds an empty key: remove it or give it a value.");
        }

        var ip = ParseHost(options.Host);
        // Off loopback, anyone who can reach the port could use the models: refuse unless keys guard it.
        if (!IPAddress.IsLoopback(ip) && options.ApiKeys.Count == 0)
        {
            throw Config("server.api_keys",
                $"Refusing to listen on {options.Host} without API keys: anyone who can reach this machine could use its models. " +
                "Set server.api_keys, or listen on 127.0.0.1.");
        }

        return new IPEndPoint(ip, options.Port);
    }

    public static IPAddress ParseHost(string host, string setting = "server.host") => host switch
    {
        "localhost" => IPAddress.Loopback,
        "*" or "+" => IPAddress.Any,
        _ when IPAddress.TryParse(host.Trim('[', ']'), out var ip) => ip,
        _ => throw Config(setting, $"{setting} must be an IP address, 'localhost' or '*', not '{host}'."),
    };

    private static LocusException Config(string setting, string message) => new(LocusError.Invalid(message, setting, "invalid_config"));
}
