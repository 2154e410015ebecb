namespace Locus.Ledger;

/// <summary>One slice of a report: the rows sharing <paramref name="Key"/> (a tier number, target or client name).</summary>
/// <param name="Share">This slice's fraction of the report's requests (0..1).</param>
public sealed record UsageGroup(string Key, long Requests, double Share, long InputTokens, long OutputTokens, decimal CostUsd);
