using Microsoft.Extensions.Logging;

namespace Locus.Ledger;

/// <summary>Every ledger log line, with stable event ids (5xxx). Prompt text is never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Debug, "Usage ledger {Path} open (schema {Version}, read-only: {ReadOnly})")]
    public static partial void Opened(ILogger logger, string path, int version, bool readOnly);

    [LoggerMessage(5002, LogLevel.Error, "Usage ledger {Path}: writing {Rows} rows failed; their requests get an error")]
    public static partial void WriteFailed(ILogger logger, string path, int rows, Exception exception);

    [LoggerMessage(5003, LogLevel.Warning, "Usage ledger {Path}: a batch of {Rows} rows failed; retrying them one by one")]
    public static partial void BatchFailed(ILogger logger, string path, int rows);

    [LoggerMessage(5004, LogLevel.Warning, "Usage ledger {Path} was deleted while open; starting a new file there")]
    public static partial void FileVanished(ILogger logger, string path);
}
