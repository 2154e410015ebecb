namespace Locus.Routing.Options;

/// <summary>When memory documents are injected into a request's context.</summary>
public enum MemoryInjectMode
{
    /// <summary>Never (the default): no request carries memory.</summary>
    Never,

    /// <summary>Every request carries the configured documents (a request may narrow them with <c>x-locus-memory</c>).</summary>
    Always,

    /// <summary>Only requests that ask for memory (<c>x-locus-memory: all</c> or a list of ids) carry it.</summary>
    OnRequest,
}

/// <summary>
/// The <c>memory:</c> section: which memory documents are injected as context, and how much. Where each document may
/// go is its own scope (<see cref="Core.Abstractions.MemoryScope"/>), decided per target step, not here.
/// </summary>
public sealed record MemoryOptions
{
    /// <summary>The YAML spellings of <see cref="MemoryInjectMode"/>, in declaration order.</summary>
    public static readonly IReadOnlyList<string> ModeNames = ["never", "always", "on_request"];

    /// <summary>Selects every document.</summary>
    public const string AllDocuments = "*";

    public MemoryInjectMode Inject { get; init; } = MemoryInjectMode.Never;

    /// <summary>Document ids or names that may be injected, in priority order; <c>*</c> = all, in the source's order.</summary>
    public IReadOnlyList<string> Documents { get; init; } = [AllDocuments];

    /// <summary>Cap on the injected text, estimated tokens; whole documents are dropped last-first to fit.</summary>
    public int MaxTokens { get; init; } = 2000;

    public static string ModeName(MemoryInjectMode mode) => ModeNames[(int)mode];

    /// <summary>Parses a YAML spelling (case-insensitive); false for anything else.</summary>
    public static bool TryParseMode(string text, out MemoryInjectMode mode)
    {
        var index = ModeNames.ToList().FindIndex(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        mode = index < 0 ? MemoryInjectMode.Never : (MemoryInjectMode)index;
        return index >= 0;
    }
}
