using Microsoft.Extensions.Logging;

namespace Locus.Server;

/// <summary>
/// Every server log line, with stable event ids (1xxx requests, 2xxx generation, 9xxx faults). API keys are never
/// logged; prompt and output text only at Trace.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Warning, "Rejected {Method} {Path} from {Remote}: missing or wrong API key")]
    public static partial void Unauthorized(ILogger logger, string method, string path, string remote);

    [LoggerMessage(1002, LogLevel.Debug, "{Method} {Path} answered {Status} ({Code}, param {Param}): {Message}")]
    public static partial void RequestRejected(ILogger logger, string method, string path, int status, string? code, string? param, string message);

    [LoggerMessage(1003, LogLevel.Debug, "{Method} {Path}: the client went away")]
    public static partial void ClientDisconnected(ILogger logger, string method, string path);

    [LoggerMessage(2001, LogLevel.Debug, "{Endpoint} for model {Model} (stream: {Stream})")]
    public static partial void GenerationStarted(ILogger logger, string endpoint, string model, bool stream);

    [LoggerMessage(2002, LogLevel.Information,
        "{Endpoint} {Model}: {PromptTokens} prompt + {CompletionTokens} completion tokens in {ElapsedMs} ms, finish {FinishReason}")]
    public static partial void GenerationFinished(
        ILogger logger, string endpoint, string model, long promptTokens, long completionTokens, long elapsedMs, string finishReason);

    [LoggerMessage(2003, LogLevel.Trace, "{Endpoint} {Model} input: {Input}")]
    public static partial void GenerationInput(ILogger logger, string endpoint, string model, string input);

    [LoggerMessage(2004, LogLevel.Warning, "{Method} {Path}: stream ended by an error after it began ({Status} {Code}): {Message}")]
    public static partial void StreamFailed(ILogger logger, string method, string path, int status, string? code, string message);

    [LoggerMessage(9001, LogLevel.Error, "{Method} {Path} failed unexpectedly")]
    public static partial void Unexpected(ILogger logger, string method, string path, Exception exception);
}
