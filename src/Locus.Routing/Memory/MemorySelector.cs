using Locus.Core.Abstractions;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Requests;

namespace Locus.Routing.Memory;

/// <summary>
/// Decides which memory documents a request carries: the client's mode (or <c>memory.inject</c>), narrowed by the
/// request's <c>x-locus-memory</c>, limited to <c>memory.documents</c>, capped at <c>memory.max_tokens</c> by dropping
/// whole documents last-first. Which of them may leave the device is the documents' own scope, plus whether this
/// request may use the cloud at all (client <c>allow_cloud</c>, <c>x-locus-privacy: local-only</c>).
/// </summary>
public static class MemorySelector
{
    public static MemorySelection Select(MemoryOptions options, ClientPolicy client, RequestContext context, IMemorySource? source)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        var asked = context.Memory;
        var mode = client.Memory ?? options.Inject;
        if (mode == MemoryInjectMode.Never || source is null || asked is { IsNone: true } || (mode == MemoryInjectMode.OnRequest && asked is null))
        {
            return asked is { IsNone: false } ? Refused(mode, client, source) : MemorySelection.Empty;
        }

        var allowed = Allowed(source.Snapshot(), options.Documents);
        var selected = allowed;
        string? note = null;
        if (asked?.Documents is { } ids)
        {
            selected = [.. allowed.Where(d => ids.Any(id => Matches(d, id)))];
            var missing = ids.Count(id => !allowed.Any(d => Matches(d, id)));
            if (missing > 0)
            {
                note = $"{missing} requested document{(missing == 1 ? " is" : "s are")} unknown or not allowed by memory.documents";
            }
        }

        var local = Cap(selected, options.MaxTokens, out var dropped);
        var cloudAllowed = client.AllowCloud && context.Privacy != PrivacyMarking.LocalOnly;
        IReadOnlyList<MemoryDocument> cloud = cloudAllowed ? [.. local.Where(d => d.Scope == MemoryScope.Cloud)] : [];
        return new MemorySelection(local, cloud, dropped, note);
    }

    /// <summary>Whether <paramref name="key"/> names <paramref name="document"/>: its id exactly, or its name ignoring case.</summary>
    public static bool Matches(MemoryDocument document, string key)
    {
        ArgumentNullException.ThrowIfNull(document);
        return key == MemoryOptions.AllDocuments
            || string.Equals(document.Id, key, StringComparison.Ordinal)
            || string.Equals(document.Name, key, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The documents <c>memory.documents</c> allows, in its order (priority for truncation), each once.</summary>
    private static List<MemoryDocument> Allowed(IReadOnlyList<MemoryDocument> all, IReadOnlyList<string> keys)
    {
        var result = new List<MemoryDocument>();
        foreach (var key in keys)
        {
            foreach (var document in all)
            {
                if (Matches(document, key) && !result.Contains(document))
                {
                    result.Add(document);
                }
            }
        }

        return result;
    }

    /// <summary>Drops whole documents from the end until the block's estimate fits <paramref name="maxTokens"/>.</summary>
    private static List<MemoryDocument> Cap(List<MemoryDocument> documents, int maxTokens, out List<MemoryDocument> dropped)
    {
        var kept = new List<MemoryDocument>(documents);
        var total = documents.Count == 0 ? 0 : MemoryBlock.PreambleTokens + documents.Sum(MemoryBlock.DocumentTokens);
        dropped = [];
        while (kept.Count > 0 && total > maxTokens)
        {
            var last = kept[^1];
            kept.RemoveAt(kept.Count - 1);
            dropped.Insert(0, last);
            total -= MemoryBlock.DocumentTokens(last);
        }

        return kept;
    }

    private static MemorySelection Refused(MemoryInjectMode mode, ClientPolicy client, IMemorySource? source)
    {
        var why = source is null ? "this node has no memory documents"
            : client.Memory is not null ? $"client '{client.Name}' has memory: {MemoryOptions.ModeName(mode)}"
            : "memory.inject is never";
        return new MemorySelection([], [], [], $"requested by x-locus-memory, but {why}");
    }
}
