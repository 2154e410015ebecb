using System.Text;
using System.Text.Json;

namespace Locus.Routing.Policy;

/// <summary>A decision as JSON (<c>locus route --explain --json</c>): tier, target and every reason, plus the estimates.</summary>
public static class DecisionJson
{
    public static string Write(RouteDecision decision, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(decision);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("tier", decision.Tier.Number());
            json.WriteString("target", decision.Target);
            json.WriteStartArray("reasons");
            foreach (var reason in decision.Reasons)
            {
                json.WriteStartObject();
                json.WriteString("signal", reason.Signal);
                json.WriteString("detail", reason.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("degraded", decision.Degraded);
            json.WriteBoolean("redact", decision.Redact);
            json.WriteStartArray("findings");
            foreach (var finding in decision.Findings)
            {
                json.WriteStringValue(finding);
            }

            json.WriteEndArray();
            json.WriteStartArray("fallbacks");
            foreach (var step in decision.Fallbacks)
            {
                json.WriteStartObject();
                json.WriteNumber("tier", step.Tier.Number());
                json.WriteString("target", step.Target);
                json.WriteString("when", step.Why);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("complexity", Math.Round(decision.Complexity, 3));
            json.WriteNumber("estimated_prompt_tokens", decision.EstimatedPromptTokens);
            json.WriteNumber("estimated_cost_usd", decision.EstimatedCostUsd);
            if (decision.PredictedLatency is { } latency)
            {
                json.WriteNumber("predicted_latency_ms", Math.Round(latency.TotalMilliseconds));
            }

            if (decision.Refusal is { } refusal)
            {
                json.WriteStartObject("refusal");
                json.WriteString("kind", refusal.Kind.ToString());
                json.WriteString("code", refusal.Code);
                json.WriteString("message", refusal.Message);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
