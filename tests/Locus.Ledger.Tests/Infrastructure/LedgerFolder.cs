namespace Locus.Ledger.Tests.Infrastructure;

/// <summary>A fresh temporary folder for one test's ledger file, deleted afterwards.</summary>
internal sealed class LedgerFolder : IDisposable
{
    public LedgerFolder() => Root = Directory.CreateTempSubdirectory("locus-ledger-").FullName;

    public string Root { get; }

    /// <summary>A ledger path inside a sub-folder that does not exist yet, so Open must create it.</summary>
    public string LedgerPath => Path.Combine(Root, "data", "usage.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child process killed mid-write may still be releasing the file; the OS cleans temp folders anyway.
        }
    }
}
