using Microsoft.Extensions.Logging;

namespace Locus.Server.Auth;

/// <summary>Authentication's log line (event id 1001). API keys are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Warning, "Rejected {Method} {Path} from {Remote}: missing or wrong API key")]
    public static partial void Unauthorized(ILogger logger, string method, string path, string remote);
}
