using Microsoft.Extensions.Logging;

namespace Locus.Routing;

/// <summary>Routing log events. Reasons name detector kinds and numbers, never the matched values or prompt text.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Routed request from {Client} to tier {Tier} ({Target}): {Reasons}")]
    public static partial void Decided(ILogger logger, string client, int tier, string target, string reasons);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Target {Failed} failed ({Why}); falling back to {Next}")]
    public static partial void FellBack(ILogger logger, string failed, string next, string why);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Cascade: {Target}'s answer {Verdict}: {Detail}")]
    public static partial void Cascaded(ILogger logger, string target, string verdict, string detail);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Memory for {Target}: {Injected} documents injected, {Withheld} withheld by scope")]
    public static partial void MemoryInjected(ILogger logger, string target, int injected, int withheld);

    // Document text is prompt content: Trace only.
    [LoggerMessage(EventId = 3005, Level = LogLevel.Trace, Message = "Memory block sent to {Target}: {Text}")]
    public static partial void MemoryText(ILogger logger, string target, string text);
}
