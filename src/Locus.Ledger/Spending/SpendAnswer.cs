namespace Locus.Ledger.Spending;

/// <summary>
/// What the index knows: <paramref name="Known"/>, the exact answer when <paramref name="PartialDay"/> is null;
/// otherwise the caller adds the rows from `since` to the end of that UTC day.
/// </summary>
internal readonly record struct SpendAnswer(decimal Known, long? PartialDay);
