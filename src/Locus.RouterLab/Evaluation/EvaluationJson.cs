using System.Text;
using System.Text.Json;

namespace Locus.RouterLab.Evaluation;

/// <summary>One JSON object for `locus router eval --json`: the router's metrics beside the random and oracle baselines.</summary>
public static class EvaluationJson
{
    /// <param name="models">Multi-model data only: each model's mean cost and quality; AIQ is written beside them.</param>
    public static string Write(string data, RouterEvaluation? router, RouterEvaluation random, RouterEvaluation oracle, IReadOnlyList<ModelPoint>? models = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(oracle);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("data", data);
            json.WriteNumber("n", random.Count);
            json.WriteNumber("weakQuality", random.WeakQuality);
            json.WriteNumber("strongQuality", random.StrongQuality);
            if (router is not null)
            {
                json.WriteString("router", router.Router);
                WriteMetrics(json, router);
            }

            json.WriteStartObject("random");
            WriteMetrics(json, random);
            json.WriteEndObject();
            json.WriteStartObject("oracle");
            WriteMetrics(json, oracle);
            json.WriteEndObject();
            if (models is { Count: > 0 })
                WriteModels(json, models);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
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
            json.WriteNumber(name, value);
        else
            json.WriteNull(name);
    }
}
