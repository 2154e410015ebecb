using System.Text;
using System.Text.Json;

namespace Locus.RouterLab.Ensembles;

/// <summary>One JSON object for `locus router ensemble --json`: per data set, every strategy, every cascade and the parity points.</summary>
public static class EnsembleJson
{
    public static string Write(string data, IReadOnlyList<EnsembleReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("data", data);
            json.WriteStartArray("sets");
            foreach (var report in reports)
            {
                WriteReport(json, report);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteReport(Utf8JsonWriter json, EnsembleReport report)
    {
        json.WriteStartObject();
        json.WriteString("file", report.Data);
        json.WriteNumber("n", report.Count);
        json.WriteNumber("frontierQuality", report.Frontier.Quality);
        json.WriteNumber("frontierCost", report.Frontier.Cost);
        WriteList(json, "strategies", report.Strategies);
        WriteList(json, "cascades", report.Cascades);
        json.WriteStartArray("parity");
        foreach (var p in report.Parity)
        {
            json.WriteStartObject();
            json.WriteString("members", p.Members);
            json.WriteString("measure", p.Measure.ToString().ToLowerInvariant());
            json.WritePropertyName("cheapest");
            if (p.Cheapest is null)
            {
                json.WriteNullValue();
            }
            else
            {
                WriteStrategy(json, p.Cheapest);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<StrategyResult> list)
    {
        json.WriteStartArray(name);
        foreach (var s in list)
        {
            WriteStrategy(json, s);
        }

        json.WriteEndArray();
    }

    private static void WriteStrategy(Utf8JsonWriter json, StrategyResult s)
    {
        json.WriteStartObject();
        json.WriteString("strategy", s.Strategy);
        json.WriteString("members", s.Members);
        if (s.Measure is { } measure)
        {
            json.WriteString("measure", measure.ToString().ToLowerInvariant());
        }

        if (s.Threshold is { } threshold)
        {
            json.WriteNumber("threshold", threshold);
        }

        json.WriteNumber("quality", s.Quality);
        json.WriteNumber("cost", s.Cost);
        json.WriteNumber("escalated", s.Escalated);
        if (s.Voted is { } voted)
        {
            json.WriteNumber("voted", voted);
        }

        json.WriteEndObject();
    }
}
