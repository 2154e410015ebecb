using System.Text;

namespace Locus.Ledger;

/// <summary>One request the gateway served or refused: who asked, where it ran, what it cost, and how it ended.</summary>
public sealed record UsageRecord
{
    /// <summary>When the request arrived. Stored in UTC to the microsecond; read back with offset zero.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The client's name ("default" when unauthenticated).</summary>
    public required string Client { get; init; }

    /// <summary>1 local fast, 2 local ensemble, 3 cloud; 0 = refused before routing.</summary>
    public required int Tier { get; init; }

    /// <summary>The target's name ("" when refused before routing).</summary>
    public required string Target { get; init; }

    public string? Model { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public long CachedInputTokens { get; init; }

    public double LatencyMs { get; init; }

    public double? TimeToFirstTokenMs { get; init; }

    /// <summary>What this request cost; stored exactly (every digit of the decimal).</summary>
    public decimal CostUsd { get; init; }

    /// <summary>What it would have cost on the configured reference cloud model.</summary>
    public decimal ReferenceCostUsd { get; init; }

    /// <summary>An estimate of the energy the request used.</summary>
    public double EnergyJoules { get; init; }

    /// <summary>Why the router chose the target (or refused); stored as a JSON array.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary><c>ok</c>, <c>error:&lt;code&gt;</c> or <c>refused:&lt;code&gt;</c>.</summary>
    public string Outcome { get; init; } = "ok";

    public bool Degraded { get; init; }

    /// <summary>The <c>max_tokens</c> the client asked for, when the target lowered it to fit its context; null otherwise.</summary>
    public int? MaxTokensAsked { get; init; }

    /// <summary>The <c>max_tokens</c> the target granted instead (the room its context had left); null when not lowered.</summary>
    public int? MaxTokensGranted { get; init; }

    /// <summary>The prompt text; stored only when <see cref="LedgerOptions.StorePrompts"/> is on.</summary>
    public string? Prompt { get; init; }

    /// <summary>
    /// Replaces the compiler-generated member list so that <see cref="object.ToString"/> (and so any log line or
    /// exception that prints a record) shows the prompt's length, never its text.
    /// </summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Time = ").Append(Time.ToString("O"))
            .Append(", Client = ").Append(Client)
            .Append(", Tier = ").Append(Tier)
            .Append(", Target = ").Append(Target)
            .Append(", Model = ").Append(Model)
            .Append(", InputTokens = ").Append(InputTokens)
            .Append(", OutputTokens = ").Append(OutputTokens)
            .Append(", CachedInputTokens = ").Append(CachedInputTokens)
            .Append(", LatencyMs = ").Append(LatencyMs)
            .Append(", TimeToFirstTokenMs = ").Append(TimeToFirstTokenMs)
            .Append(", CostUsd = ").Append(CostUsd)
            .Append(", ReferenceCostUsd = ").Append(ReferenceCostUsd)
            .Append(", EnergyJoules = ").Append(EnergyJoules)
            .Append(", Reasons = [").AppendJoin(", ", Reasons).Append(']')
            .Append(", Outcome = ").Append(Outcome)
            .Append(", Degraded = ").Append(Degraded)
            .Append(", MaxTokensAsked = ").Append(MaxTokensAsked)
            .Append(", MaxTokensGranted = ").Append(MaxTokensGranted)
            .Append(", Prompt = ").Append(Prompt is null ? "null" : $"[{Prompt.Length} chars redacted]");
        return true;
    }
}
