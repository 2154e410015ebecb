using Locus.Ledger.Spending;
using Locus.Ledger.Storage;
using Locus.Ledger.Writing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Locus.Ledger.Sqlite;

/// <summary>Opens usage ledgers: one writer per file (the server), any number of read-only ones (`locus usage`).</summary>
public static class UsageLedger
{
    /// <summary>
    /// Opens (creating folders, file and schema, or upgrading an older schema) the ledger at <paramref name="path"/>
    /// for writing, and loads every client's spend so far. <paramref name="time"/> decides "today" for the in-memory
    /// spend of rolling windows. Throws a <c>LocusException</c> (code <c>ledger_unavailable</c>) when the file cannot
    /// be used.
    /// </summary>
    public static IUsageLedger Open(string path, LedgerOptions? options = null, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        options ??= new LedgerOptions();
        logger ??= NullLogger.Instance;
        WriteSession? session = null;
        try
        {
            session = WriteSession.Open(fullPath, options);
            var spend = new SpendIndex(time ?? TimeProvider.System);
            SpendQueries.Load(session.Connection, spend);
            var writer = new GroupCommitWriter(fullPath, options, spend, logger, session);
            Log.Opened(logger, fullPath, LedgerSchema.CurrentVersion, readOnly: false);
            return new SqliteUsageLedger(fullPath, writer, spend);
        }
        catch (Exception error) when (error is SqliteException or IOException or UnauthorizedAccessException)
        {
            session?.Dispose();
            throw LedgerErrors.CannotOpen(fullPath, error);
        }
        catch
        {
            session?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an existing ledger for reports only, beside a server that may be writing it. Every call reads the file
    /// afresh, so it sees rows committed after the open. Appending throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public static IUsageLedger OpenReadOnly(string path, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw LedgerErrors.NotFound(fullPath);
        }

        int version;
        try
        {
            using var connection = LedgerConnections.OpenReader(fullPath);
            version = LedgerSchema.ReadVersion(connection, transaction: null);
        }
        catch (SqliteException error)
        {
            throw LedgerErrors.CannotOpen(fullPath, error);
        }

        if (version > LedgerSchema.CurrentVersion)
        {
            throw LedgerErrors.NewerSchema(fullPath, version, LedgerSchema.CurrentVersion);
        }

        if (version < LedgerSchema.CurrentVersion)
        {
            throw LedgerErrors.OlderSchema(fullPath, version, LedgerSchema.CurrentVersion);
        }

        Log.Opened(logger ?? NullLogger.Instance, fullPath, version, readOnly: true);
        return new SqliteUsageLedger(fullPath, writer: null, spend: null);
    }
}
