namespace Locus.Ledger.Tests.Infrastructure;

/// <summary>Builds usage records for tests; times are whole microseconds, the ledger's resolution.</summary>
internal static class Rows
{
    /// <summary>Noon UTC on an ordinary day, far from any day boundary.</summary>
    public static readonly DateTimeOffset Noon = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    public static UsageRecord Make(
        DateTimeOffset? time = null,
        string client = "alice",
        int tier = 1,
        string target = "local-fast",
        decimal cost = 0m,
        decimal referenceCost = 0m,
        string outcome = "ok",
        string? model = "qwen",
        long inputTokens = 10,
        long outputTokens = 20,
        string? prompt = null) => new()
        {
            Time = time ?? Noon,
            Client = client,
            Tier = tier,
            Target = target,
            Model = model,
            InputTokens = inputTokens,
            OutputTokens = outputTokens,
            CostUsd = cost,
            ReferenceCostUsd = referenceCost,
            Outcome = outcome,
            Prompt = prompt,
        };
}
