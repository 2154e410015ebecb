using Locus.Core.Configuration;

namespace Locus.Routing.Options;

/// <summary>Reads the <c>memory:</c> section (<c>{ inject, documents, max_tokens }</c>) and a client's <c>memory</c> override.</summary>
internal static class MemoryReader
{
    public static MemoryOptions Read(ConfigMap? map)
    {
        var defaults = new MemoryOptions();
        if (map is null)
        {
            return defaults;
        }

        var documents = map.TextList("documents");
        if (documents is not null && documents.Any(string.IsNullOrWhiteSpace))
        {
            map.FailValue("documents", "document ids or names may not be empty");
            documents = null;
        }

        var options = new MemoryOptions
        {
            Inject = Mode(map, "inject") ?? defaults.Inject,
            Documents = documents ?? defaults.Documents,
            MaxTokens = map.Int("max_tokens", 1, 1_000_000) ?? defaults.MaxTokens,
        };
        map.RejectUnknown();
        return options;
    }

    /// <summary>never | always | on_request, or null (absent or wrong, the latter reported).</summary>
    public static MemoryInjectMode? Mode(ConfigMap map, string key)
    {
        if (map.Text(key) is not { } text)
        {
            return null;
        }

        if (MemoryOptions.TryParseMode(text, out var mode))
        {
            return mode;
        }

        map.FailValue(key, $"expected one of {string.Join(", ", MemoryOptions.ModeNames)}, got \"{text}\"");
        return null;
    }
}
