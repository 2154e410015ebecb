namespace Locus.Ledger;

/// <summary>Which rows a report covers: Time in [<paramref name="From"/>, <paramref name="To"/>), optionally one client.</summary>
/// <param name="From">Inclusive lower bound on the request's arrival time; null: from the first row.</param>
/// <param name="To">Exclusive upper bound; null: up to the last row.</param>
/// <param name="Client">Only this client's rows; null: every client.</param>
public sealed record UsageQuery(DateTimeOffset? From = null, DateTimeOffset? To = null, string? Client = null);
