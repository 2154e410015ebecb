using Locus.Core.Configuration;

namespace Locus.Ledger.Configuration;

/// <summary>The <c>ledger:</c> section: where usage is recorded, and how.</summary>
public sealed record LedgerSettings
{
    /// <summary>The ledger file used when the config names none.</summary>
    public const string DefaultPath = "~/.local/share/locus/usage.db";

    /// <summary>The section's binder: an absent section means the ledger at <see cref="DefaultPath"/>.</summary>
    public static IConfigSection<LedgerSettings> Section { get; } = new LedgerSectionBinder();

    /// <summary>The SQLite file; null disables the ledger.</summary>
    public string? Path { get; init; }

    /// <summary>Keep prompt text in the ledger (off by default: the ledger then holds no conversation content).</summary>
    public bool StorePrompts { get; init; }

    /// <summary>fsync every commit, surviving power loss as well as a killed process (slower).</summary>
    public bool FullSync { get; init; }
}
