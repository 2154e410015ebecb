namespace Locus.Ledger.Reporting;

/// <summary>Running totals for one slice of a report (a tier, a target, a client).</summary>
internal sealed class Tally
{
    public long Requests { get; private set; }

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    public decimal CostUsd { get; private set; }

    public void Add(long inputTokens, long outputTokens, decimal costUsd)
    {
        Requests++;
        InputTokens += inputTokens;
        OutputTokens += outputTokens;
        CostUsd += costUsd;
    }

    public UsageGroup ToGroup(string key, long totalRequests) =>
        new(key, Requests, totalRequests == 0 ? 0 : (double)Requests / totalRequests, InputTokens, OutputTokens, CostUsd);
}
