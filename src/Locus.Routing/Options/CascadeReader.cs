using Locus.Core.Configuration;

namespace Locus.Routing.Options;

/// <summary>Reads <c>routing.cascade</c>: <c>{ min_confidence, metric, max_local_tokens }</c>.</summary>
internal static class CascadeReader
{
    public static CascadeOptions? Read(ConfigMap? map)
    {
        if (map is null)
        {
            return null;
        }

        var defaults = new CascadeOptions();
        var cascade = new CascadeOptions
        {
            MinConfidence = map.Number("min_confidence", 0, 1) ?? defaults.MinConfidence,
            Metric = Metric(map) ?? defaults.Metric,
            MaxLocalTokens = map.Int("max_local_tokens", 1, 1_000_000),
        };
        map.RejectUnknown();
        return cascade;
    }

    private static CascadeMetric? Metric(ConfigMap map)
    {
        if (map.Text("metric") is not { } text)
        {
            return null;
        }

        var index = CascadeOptions.MetricNames.ToList().FindIndex(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            return (CascadeMetric)index;
        }

        map.FailValue("metric", $"expected one of {string.Join(", ", CascadeOptions.MetricNames)}, got \"{text}\"");
        return null;
    }
}
