using Microsoft.Extensions.Logging;

namespace Locus.Providers;

/// <summary>
/// Every provider log line, with stable event ids (31xx). The API key is never logged; prompt text only at Trace;
/// upstream error messages (which may quote the request) only at Debug.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(3101, LogLevel.Debug, "Calling {Target} ({Kind}, model {Model}, stream: {Stream})")]
    public static partial void CallStarted(ILogger logger, string target, ProviderKind kind, string model, bool stream);

    [LoggerMessage(3102, LogLevel.Information,
        "{Target} answered in {ElapsedMs} ms: {InputTokens} input + {OutputTokens} output tokens, finish {FinishReason}")]
    public static partial void CallFinished(ILogger logger, string target, long elapsedMs, long? inputTokens, long? outputTokens, string? finishReason);

    [LoggerMessage(3103, LogLevel.Information, "{Target} attempt {Attempt} failed ({Status}, {Code}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string target, int attempt, string status, string? code, long delayMs);

    [LoggerMessage(3104, LogLevel.Warning, "{Target} call failed after {ElapsedMs} ms: {Kind} ({Code})")]
    public static partial void CallFailed(ILogger logger, string target, long elapsedMs, string kind, string? code);

    [LoggerMessage(3105, LogLevel.Debug, "{Target} failure detail: {Message}")]
    public static partial void FailureDetail(ILogger logger, string target, string message);

    [LoggerMessage(3106, LogLevel.Debug, "{Target}: the caller cancelled the call after {ElapsedMs} ms")]
    public static partial void CallCancelled(ILogger logger, string target, long elapsedMs);

    [LoggerMessage(3107, LogLevel.Warning, "{Target}: circuit opened after {Failures} consecutive failures; calls fail fast for {Seconds} s")]
    public static partial void CircuitOpened(ILogger logger, string target, int failures, double seconds);

    [LoggerMessage(3108, LogLevel.Information, "{Target}: circuit half-open; letting one trial call through")]
    public static partial void CircuitHalfOpen(ILogger logger, string target);

    [LoggerMessage(3109, LogLevel.Information, "{Target}: circuit closed after a successful call")]
    public static partial void CircuitClosed(ILogger logger, string target);

    [LoggerMessage(3110, LogLevel.Debug, "{Target}: call rejected while the circuit is open")]
    public static partial void CircuitRejected(ILogger logger, string target);

    [LoggerMessage(3111, LogLevel.Trace, "{Target} request body: {Body}")]
    public static partial void RequestBody(ILogger logger, string target, string body);
}
