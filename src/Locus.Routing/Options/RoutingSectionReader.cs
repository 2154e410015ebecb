using Locus.Core.Configuration;
using Locus.Routing.Ensembles;

namespace Locus.Routing.Options;

/// <summary>Reads the <c>routing:</c> section; unset tiers default from the targets list.</summary>
internal static class RoutingSectionReader
{
    public static RoutingOptions Read(ConfigMap? map, IReadOnlyList<TargetOptions> targets, ConfigDocument document)
    {
        var defaults = new RoutingOptions
        {
            FastTarget = targets.FirstOrDefault(t => t.Kind == TargetKind.Llama)?.Name,
            CloudTargets = [.. targets.Where(t => !t.OnDevice).Select(t => t.Name)],
        };
        if (map is null)
        {
            return defaults;
        }

        var options = new RoutingOptions
        {
            AutoModel = map.Text("auto_model") ?? defaults.AutoModel,
            FastTarget = map.Text("fast") ?? defaults.FastTarget,
            Ensemble = ReadEnsemble(map.Map("ensemble")),
            CloudTargets = map.TextList("cloud") ?? defaults.CloudTargets,
            Peers = map.TextList("peers") ?? defaults.Peers,
            Privacy = map.Enum<PrivacyAction>("privacy") ?? defaults.Privacy,
            LatencyBudget = map.Millis("latency_budget_ms"),
            OverBudget = map.Enum<OverBudgetAction>("over_budget") ?? defaults.OverBudget,
            FallbackToLocal = map.Bool("fallback_to_local") ?? defaults.FallbackToLocal,
            ExpectedOutputTokens = map.Int("expected_output_tokens", 1, 1_000_000) ?? defaults.ExpectedOutputTokens,
            ReferenceTarget = map.Text("reference"),
            Cascade = CascadeReader.Read(map.Map("cascade")),
            Thermal = ThermalReader.Read(map.Map("thermal")),
        };
        options = ComplexitySectionReader.Apply(map.Map("complexity"), document, options);
        map.RejectUnknown();
        return options;
    }

    private static EnsembleOptions? ReadEnsemble(ConfigMap? map)
    {
        if (map is null)
        {
            return null;
        }

        var targets = map.TextList("targets");
        if (targets is null || targets.Count == 0)
        {
            map.Fail("targets", "an ensemble needs at least one local target (with samples > 1) or two targets");
        }

        var ensemble = new EnsembleOptions
        {
            Targets = targets ?? [],
            Samples = map.Int("samples", 1, 16) ?? 1,
            Agreement = map.Number("agreement", 0, 1) ?? 0.6,
            Measure = map.Enum<AgreementMeasure>("measure") ?? AgreementMeasure.Auto,
        };
        map.RejectUnknown();
        return ensemble;
    }
}
