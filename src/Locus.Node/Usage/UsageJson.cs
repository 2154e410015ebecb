using System.Text.Json;
using Locus.Ledger;

namespace Locus.Node.Usage;

/// <summary>The usage report's JSON shape, shared by <c>GET /v1/usage</c> and <c>locus usage --json</c>.</summary>
public static class UsageJson
{
    public static void Write(Utf8JsonWriter json, UsageReport report)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(report);
        json.WriteStartObject();
        json.WriteString("object", "usage_report");
        if (report.From is { } from)
        {
            json.WriteString("from", from);
        }
        else
        {
            json.WriteNull("from");
        }

        if (report.To is { } to)
        {
            json.WriteString("to", to);
        }
        else
        {
            json.WriteNull("to");
        }

        json.WriteNumber("requests", report.Requests);
        json.WriteNumber("refused", report.Refused);
        json.WriteNumber("errors", report.Errors);
        json.WriteNumber("max_tokens_clamped", report.MaxTokensClamped);
        json.WriteNumber("input_tokens", report.InputTokens);
        json.WriteNumber("output_tokens", report.OutputTokens);
        json.WriteNumber("cost_usd", report.CostUsd);
        json.WriteNumber("all_cloud_cost_usd", report.ReferenceCostUsd);
        json.WriteNumber("savings_usd", report.SavingsUsd);
        json.WriteNumber("energy_joules", Math.Round(report.EnergyJoules, 3));
        Groups(json, "tiers", report.ByTier);
        Groups(json, "targets", report.ByTarget);
        Groups(json, "clients", report.ByClient);
        json.WriteEndObject();
    }

    public static string ToJson(UsageReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Write(json, report);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Groups(Utf8JsonWriter json, string name, IReadOnlyList<UsageGroup> groups)
    {
        json.WriteStartArray(name);
        foreach (var g in groups)
        {
            json.WriteStartObject();
            json.WriteString("key", g.Key);
            json.WriteNumber("requests", g.Requests);
            json.WriteNumber("share", Math.Round(g.Share, 4));
            json.WriteNumber("input_tokens", g.InputTokens);
            json.WriteNumber("output_tokens", g.OutputTokens);
            json.WriteNumber("cost_usd", g.CostUsd);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
