using System.Text;
using System.Text.Json;

namespace Locus.RouterLab.Evaluation;

/// <summary>One JSON object for `locus router eval --json`: the router's metrics beside the random and oracle baselines.</summary>
public static class EvaluationJson
{
    /// <param name="models">Multi-model data only: each model's mean cost and quality; AIQ is written beside them.</param>
    public static string Write(string data, RouterEvaluation? router, RouterEvaluation random, RouterEvaluation oracle, IReadOnlyList<ModelPoint>? models = null) =>
        Write(new EvaluationReport(data, router, random, oracle) { Models = models });

    public static string Write(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("data", report.Data);
            json.WriteNumber("n", report.Random.Count);
            json.WriteNumber("weakQuality", report.Random.WeakQuality);
            json.WriteNumber("strongQuality", report.Random.StrongQuality);
            if (report.Router is { } router)
            {
                json.WriteString("router", router.Router);
                WriteMetrics(json, router);
            }

            if (report.Note is { } note)
            {
                json.WriteString("note", note);
            }

            json.WriteStartObject("random");
            WriteMetrics(json, report.Random);
            json.WriteEndObject();
            json.WriteStartObject("oracle");
            WriteMetrics(json, report.Oracle);
            json.WriteEndObject();
            if (report.Share is { } share)
            {
                WriteShare(json, share);
            }

            if (report.Models is { Count: > 0 } models)
            {
                WriteModels(json, models);
            }

            if (report.Costs is { Count: > 0 } costs)
            {
                WriteCosts(json, costs, report.BestModel!);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteShare(Utf8JsonWriter json, ShareCheck share)
    {
        json.WriteStartObject("cloudShare");
        json.WriteNumber("target", share.TargetShare);
        json.WriteNumber("threshold", share.Threshold);
        json.WriteNumber("realized", share.RealizedShare);
        json.WriteNumber("quality", share.Quality);
        json.WriteNumber("pgr", share.Pgr);
        json.WriteEndObject();
    }

    private static void WriteCosts(Utf8JsonWriter json, IReadOnlyList<RouterCost> costs, ModelPoint best)
    {
        json.WriteStartObject("bestSingleModel");
        json.WriteString("model", best.Model);
        json.WriteNumber("cost", best.Cost);
        json.WriteNumber("quality", best.Quality);
        json.WriteEndObject();
        json.WriteStartArray("routerCosts");
        foreach (var c in costs)
        {
            json.WriteStartObject();
            json.WriteString("router", c.Router);
            json.WriteNumber("aiq", c.Aiq);
            WriteShare(json, "costAtBestSingle", c.CostAtBestSingle);
            json.WriteNumber("bestQuality", c.BestQuality);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteModels(Utf8JsonWriter json, IReadOnlyList<ModelPoint> models)
    {
        json.WriteNumber("aiq", CostQuality.Aiq(models));
        json.WriteStartArray("models");
        foreach (var m in models)
        {
            json.WriteStartObject();
            json.WriteString("model", m.Model);
            json.WriteNumber("cost", m.Cost);
            json.WriteNumber("quality", m.Quality);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteMetrics(Utf8JsonWriter json, RouterEvaluation e)
    {
        json.WriteNumber("apgr", e.Apgr);
        WriteShare(json, "cpt50", e.Cpt50);
        WriteShare(json, "cpt80", e.Cpt80);
    }

    private static void WriteShare(Utf8JsonWriter json, string name, double? share)
    {
        if (share is { } value)
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
