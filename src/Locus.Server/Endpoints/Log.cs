using Microsoft.Extensions.Logging;

namespace Locus.Server.Endpoints;

/// <summary>The generation endpoints' log lines (event ids 2001-2005, 2041); prompt text only at Trace.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Debug, "{Endpoint} for model {Model} (stream: {Stream})")]
    public static partial void GenerationStarted(ILogger logger, string endpoint, string model, bool stream);

    [LoggerMessage(2002, LogLevel.Information,
        "{Endpoint} {Model}: {PromptTokens} prompt + {CompletionTokens} completion tokens in {ElapsedMs} ms, finish {FinishReason}")]
    public static partial void GenerationFinished(
        ILogger logger, string endpoint, string model, long promptTokens, long completionTokens, long elapsedMs, string finishReason);

    [LoggerMessage(2003, LogLevel.Trace, "{Endpoint} {Model} input: {Input}")]
    public static partial void GenerationInput(ILogger logger, string endpoint, string model, string input);

    [LoggerMessage(2041, LogLevel.Debug, "count_tokens for model {Model}: {Tokens} tokens ({Method})")]
    public static partial void TokensCounted(ILogger logger, string model, int tokens, string method);

    [LoggerMessage(2004, LogLevel.Debug, "Stored response {Id} ({Items} conversation items)")]
    public static partial void ResponseStored(ILogger logger, string id, int items);

    [LoggerMessage(2005, LogLevel.Debug, "Deleted stored response {Id}")]
    public static partial void ResponseDeleted(ILogger logger, string id);
}
