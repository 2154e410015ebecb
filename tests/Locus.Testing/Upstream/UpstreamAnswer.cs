namespace Locus.Testing;

/// <summary>What a chat request asked for, in either protocol.</summary>
internal sealed record UpstreamRequest(string Model, bool Stream, bool IncludeUsage, int? MaxTokens, string LastUserText, int InputWords);

internal enum UpstreamFinish { Stop, Length, ToolCall }

/// <summary>The answer to one chat request, before either protocol formats it.</summary>
internal sealed record UpstreamAnswer(
    string Id, string Model, string Text, UpstreamToolCall? ToolCall, UpstreamFinish Finish,
    int InputTokens, int OutputTokens, int CachedTokens, bool IncludeUsage)
{
    public static UpstreamAnswer Create(UpstreamRequest request, UpstreamBehavior behavior, int sequence)
    {
        var tool = behavior.ToolCall;
        var text = tool is null ? behavior.Reply(request.LastUserText) : "";
        var finish = tool is null ? UpstreamFinish.Stop : UpstreamFinish.ToolCall;
        // "Tokens" are words here: max_tokens smaller than the reply cuts it, as a real model stops at its limit.
        if (tool is null && request.MaxTokens is { } max && Words.Count(text) > max)
        {
            text = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(max));
            finish = UpstreamFinish.Length;
        }

        var output = behavior.OutputTokens ?? Words.Count(tool?.ArgumentsJson ?? text);
        return new UpstreamAnswer(
            $"upstream-{sequence}", request.Model, text, tool, finish,
            behavior.InputTokens ?? request.InputWords, output, behavior.CachedInputTokens, request.IncludeUsage);
    }
}
