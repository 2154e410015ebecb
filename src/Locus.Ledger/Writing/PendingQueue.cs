namespace Locus.Ledger.Writing;

/// <summary>
/// Rows handed from any number of requests to the one writer thread. The writer takes everything that is waiting at
/// once, which is what turns 64 concurrent appends into one transaction rather than 64.
/// </summary>
internal sealed class PendingQueue
{
    // A plain monitor rather than System.Threading.Lock: the writer needs Monitor.Wait.
    private readonly object _gate = new();
    private readonly List<PendingRow> _rows = [];
    private bool _closed;

    /// <summary>False once <see cref="Close"/> was called.</summary>
    public bool TryAdd(PendingRow row)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _rows.Add(row);
            if (_rows.Count == 1)
            {
                Monitor.Pulse(_gate); // the writer sleeps only when the list is empty
            }

            return true;
        }
    }

    /// <summary>Blocks until rows wait, then moves them all into <paramref name="batch"/>; false when closed and drained.</summary>
    public bool TakeAll(List<PendingRow> batch)
    {
        lock (_gate)
        {
            while (_rows.Count == 0 && !_closed)
            {
                Monitor.Wait(_gate);
            }

            batch.AddRange(_rows);
            _rows.Clear();
            return batch.Count > 0;
        }
    }

    /// <summary>Refuses new rows; rows already queued are still written.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }
}
