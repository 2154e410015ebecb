using Xunit;

namespace Locus.Testing;

/// <summary>
/// The editing traces in ../shared/data/crdt beside the folder holding Locus.slnx (never copied into the repository).
/// Tests that replay them use <see cref="CrdtTraceFactAttribute"/> and skip, saying why, without them.
/// </summary>
public static class CrdtTraces
{
    public const string MissingReason = "../shared/data/crdt/automerge-paper.json.gz (beside the folder holding Locus.slnx) is absent; this test replays that public editing trace (see ../shared/data/README.md)";

    public static string? AutomergePaper { get; } = Locate();

    private static string? Locate() =>
        RepositoryRoot.Shared("data", "crdt", "automerge-paper.json.gz") is { } trace && File.Exists(trace) ? trace : null;
}

/// <summary>A fact that replays ../shared/data/crdt traces; skipped with <see cref="CrdtTraces.MissingReason"/> without them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CrdtTraceFactAttribute : FactAttribute
{
    public CrdtTraceFactAttribute()
    {
        if (CrdtTraces.AutomergePaper is null)
        {
            Skip = CrdtTraces.MissingReason;
        }
    }
}
