namespace Locus.Ledger;

/// <summary>How the ledger stores rows.</summary>
public sealed record LedgerOptions
{
    /// <summary>Store each request's prompt text. Off by default: the prompt column stays NULL.</summary>
    public bool StorePrompts { get; init; }

    /// <summary>
    /// fsync the write-ahead log at every commit (SQLite <c>synchronous=FULL</c>), so acknowledged rows survive power
    /// loss and OS crashes. Off (<c>synchronous=NORMAL</c>), a commit is a write into the OS page cache: rows survive
    /// the Locus process being killed, but the last commits before a power cut may be lost.
    /// </summary>
    public bool FullSync { get; init; }

    /// <summary>Test seam: SQLite's <c>max_page_count</c>, to make "disk full" happen on demand.</summary>
    internal long? MaxPageCount { get; init; }
}
