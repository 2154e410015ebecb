namespace Locus.Routing.Requests;

/// <summary>
/// What one request asked for (header <c>x-locus-memory</c>): every allowed document, none, or some by id or name.
/// A request can only narrow what <c>memory:</c> allows, never widen it.
/// </summary>
public sealed record MemoryRequest
{
    private MemoryRequest(IReadOnlyList<string>? documents) => Documents = documents;

    /// <summary>Every document the config allows.</summary>
    public static MemoryRequest All { get; } = new((IReadOnlyList<string>?)null);

    /// <summary>No memory for this request, even where the config injects it always.</summary>
    public static MemoryRequest None { get; } = new([]);

    /// <summary>Ids or names asked for; null: all.</summary>
    public IReadOnlyList<string>? Documents { get; }

    public bool IsNone => Documents is { Count: 0 };

    public static MemoryRequest Only(IEnumerable<string> documents) => new([.. documents]);

    /// <summary>
    /// <c>all</c> (or <c>*</c>), <c>none</c>, or a comma-separated list of ids or names. Empty text: null (the request
    /// asked nothing). False for a list with an empty entry.
    /// </summary>
    public static bool TryParse(string? text, out MemoryRequest? request)
    {
        request = null;
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }

        if (trimmed is "*" || trimmed.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            request = All;
        }
        else if (trimmed.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            request = None;
        }
        else
        {
            var parts = trimmed.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Any(p => p.Length == 0))
            {
                return false;
            }

            request = Only(parts);
        }

        return true;
    }
}
