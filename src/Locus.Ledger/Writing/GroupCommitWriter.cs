using Locus.Ledger.Spending;
using Locus.Ledger.Storage;
using Microsoft.Extensions.Logging;

namespace Locus.Ledger.Writing;

/// <summary>
/// The ledger's only writer: a dedicated thread that takes every waiting row, inserts them in one transaction,
/// commits, counts them in the spend index, and only then completes their tasks. A failed batch is retried row by
/// row so that one bad row fails alone; after a failure the file is reopened, so the writer keeps working.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly string _path;
    private readonly LedgerOptions _options;
    private readonly SpendIndex _spend;
    private readonly ILogger _logger;
    private readonly PendingQueue _queue = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WriteSession? _session;
    private long _commits;

    /// <summary>Takes ownership of <paramref name="session"/> and starts the thread.</summary>
    public GroupCommitWriter(string path, LedgerOptions options, SpendIndex spend, ILogger logger, WriteSession session)
    {
        _path = path;
        _options = options;
        _spend = spend;
        _logger = logger;
        _session = session;
        new Thread(Run) { IsBackground = true, Name = "Locus ledger writer" }.Start();
    }

    /// <summary>Transactions committed so far; fewer than rows when appends were grouped.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Queues a row; the task completes once it is committed.</summary>
    public Task Enqueue(UsageRecord record)
    {
        var row = new PendingRow(record);
        return _queue.TryAdd(row)
            ? row.Task
            : throw new ObjectDisposedException(nameof(IUsageLedger), "The usage ledger was disposed; it accepts no more rows.");
    }

    /// <summary>Writes what is queued, closes the file, and completes; appends after this throw.</summary>
    public ValueTask DisposeAsync()
    {
        _queue.Close();
        return new ValueTask(_stopped.Task);
    }

    private void Run()
    {
        var batch = new List<PendingRow>();
        try
        {
            while (_queue.TakeAll(batch))
            {
                WriteBatch(batch);
                batch.Clear();
            }
        }
        finally
        {
            CloseSession();
            _stopped.TrySetResult();
        }
    }

    private void WriteBatch(List<PendingRow> batch)
    {
        var error = TryCommit(batch);
        if (error is null)
        {
            Acknowledge(batch);
            return;
        }

        if (batch.Count == 1)
        {
            batch[0].TrySetException(LedgerErrors.WriteFailed(_path, error));
            return;
        }

        Log.BatchFailed(_logger, _path, batch.Count);
        foreach (var row in batch)
        {
            var rowError = TryCommit([row]);
            if (rowError is null)
            {
                Acknowledge([row]);
            }
            else
            {
                row.TrySetException(LedgerErrors.WriteFailed(_path, rowError));
            }
        }
    }

    /// <summary>Commits <paramref name="rows"/> in one transaction; returns why it failed, or null once committed.</summary>
    private Exception? TryCommit(List<PendingRow> rows)
    {
        try
        {
            EnsureOpen().Commit([.. rows.Select(row => row.Record)]);
            Interlocked.Increment(ref _commits);
            return null;
        }
#pragma warning disable CA1031 // Any failure here belongs to the waiting requests; an escape would kill the process.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Log.WriteFailed(_logger, _path, rows.Count, error);
            CloseSession(); // a fresh connection next time: the old one may be broken beyond this statement
            return error;
        }
    }

    private WriteSession EnsureOpen()
    {
        // Deleting the file does not stop SQLite writing into the deleted inode; rows written there would vanish
        // at close. A stat per batch is cheap insurance: start a new file instead.
        if (_session is not null && !File.Exists(_path))
        {
            Log.FileVanished(_logger, _path);
            CloseSession();
        }

        return _session ??= WriteSession.Open(_path, _options);
    }

    private void Acknowledge(List<PendingRow> rows)
    {
        // Counted before the tasks complete, so a budget check right after AppendAsync sees the row.
        foreach (var row in rows)
        {
            _spend.Add(row.Record.Client, UnixMicros.From(row.Record.Time), row.Record.CostUsd);
        }

        foreach (var row in rows)
        {
            row.TrySetResult();
        }
    }

    private void CloseSession()
    {
        _session?.Dispose();
        _session = null;
    }
}
