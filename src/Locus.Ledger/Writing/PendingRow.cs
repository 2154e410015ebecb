namespace Locus.Ledger.Writing;

/// <summary>A row waiting for the writer; its task completes when the row is committed (or fails).</summary>
internal sealed class PendingRow(UsageRecord record) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public UsageRecord Record { get; } = record;
}
