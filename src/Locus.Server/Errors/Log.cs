using Microsoft.Extensions.Logging;

namespace Locus.Server.Errors;

/// <summary>
/// The server's log lines about failed requests, with stable event ids (1xxx requests, 2xxx generation, 9xxx faults;
/// the rest are in Auth and Endpoints).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1002, LogLevel.Debug, "{Method} {Path} answered {Status} ({Code}, param {Param}): {Message}")]
    public static partial void RequestRejected(ILogger logger, string method, string path, int status, string? code, string? param, string message);

    [LoggerMessage(1003, LogLevel.Debug, "{Method} {Path}: the client went away")]
    public static partial void ClientDisconnected(ILogger logger, string method, string path);

    [LoggerMessage(2004, LogLevel.Warning, "{Method} {Path}: stream ended by an error after it began ({Status} {Code}): {Message}")]
    public static partial void StreamFailed(ILogger logger, string method, string path, int status, string? code, string message);

    [LoggerMessage(9001, LogLevel.Error, "{Method} {Path} failed unexpectedly")]
    public static partial void Unexpected(ILogger logger, string method, string path, Exception exception);
}
