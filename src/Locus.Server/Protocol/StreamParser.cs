using System.Text.Json;

namespace Locus.Server.Protocol;

internal readonly record struct StreamSettings(bool Stream, bool IncludeUsage);

/// <summary>Reads <c>stream</c> and <c>stream_options</c>.</summary>
internal static class StreamParser
{
    public static StreamSettings Parse(JsonElement root)
    {
        var stream = Fields.Boolean(root, "stream") ?? false;
        if (!Fields.TryGet(root, "stream_options", out var options))
        {
            return new(stream, false);
        }
        // OpenAI rejects stream_options on a non-streaming request rather than ignoring it; so do we.
        if (!stream)
        {
            throw Fields.Invalid("stream_options", "invalid_value",
                "The 'stream_options' parameter is only allowed when 'stream' is true.");
        }

        if (options.ValueKind != JsonValueKind.Object)
        {
            throw Fields.WrongType("stream_options", "an object", options);
        }

        return new(true, Fields.Boolean(options, "include_usage", "stream_options.include_usage") ?? false);
    }
}
