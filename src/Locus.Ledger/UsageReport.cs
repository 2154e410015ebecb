namespace Locus.Ledger;

/// <summary>Totals over the rows a <see cref="UsageQuery"/> selected, with breakdowns. Money sums are exact.</summary>
public sealed record UsageReport
{
    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    /// <summary>Every row: served, failed and refused.</summary>
    public long Requests { get; init; }

    /// <summary>Rows whose outcome is <c>refused:*</c>.</summary>
    public long Refused { get; init; }

    /// <summary>Rows whose outcome is <c>error:*</c>.</summary>
    public long Errors { get; init; }

    /// <summary>Rows whose <c>max_tokens</c> the target lowered to fit its context.</summary>
    public long MaxTokensClamped { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public long CachedInputTokens { get; init; }

    public decimal CostUsd { get; init; }

    public decimal ReferenceCostUsd { get; init; }

    /// <summary>What running locally saved against the reference cloud model.</summary>
    public decimal SavingsUsd => ReferenceCostUsd - CostUsd;

    public double EnergyJoules { get; init; }

    /// <summary>The tier mix, keyed "0" (refused) to "3" (cloud), ascending; shares sum to 1.</summary>
    public IReadOnlyList<UsageGroup> ByTier { get; init; } = [];

    /// <summary>By target, most requests first; rows refused before routing (empty target) are left out.</summary>
    public IReadOnlyList<UsageGroup> ByTarget { get; init; } = [];

    /// <summary>By client, most requests first.</summary>
    public IReadOnlyList<UsageGroup> ByClient { get; init; } = [];
}
