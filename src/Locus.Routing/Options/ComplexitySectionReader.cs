using Locus.Core.Configuration;
using Locus.Routing.Learning;

namespace Locus.Routing.Options;

/// <summary>
/// Reads <c>routing.complexity</c>: the estimator and its thresholds, set directly or calibrated from a share of calls
/// per tier (the learned model carries the score distribution of its calibration prompts).
/// </summary>
internal static class ComplexitySectionReader
{
    public static RoutingOptions Apply(ConfigMap? map, ConfigDocument document, RoutingOptions options)
    {
        if (map is null)
        {
            return options;
        }

        var complexity = new ComplexityOptions
        {
            Estimator = map.Enum<ComplexityEstimatorKind>("estimator") ?? ComplexityEstimatorKind.Heuristic,
            ModelPath = map.Text("model") is { } path ? document.ResolvePath(path) : null,
            CloudShare = map.Number("cloud_share", 0, 1),
            EnsembleShare = map.Number("ensemble_share", 0, 1),
        };
        var fastBelow = map.Number("fast_below", 0, 1);
        var cloudFrom = map.Number("cloud_from", 0, 1);
        var result = options with { Complexity = complexity, FastBelow = fastBelow ?? options.FastBelow, CloudFrom = cloudFrom ?? options.CloudFrom };
        if (complexity.Estimator == ComplexityEstimatorKind.Heuristic && complexity.ModelPath is not null)
        {
            map.Fail("model", "a model file needs estimator: learned");
        }

        if (complexity.EnsembleShare is not null && complexity.CloudShare is null)
        {
            map.Fail("ensemble_share", "set cloud_share too: ensemble_share is the band just below the cloud's");
        }

        var model = complexity.Estimator == ComplexityEstimatorKind.Learned ? Load(map, complexity) : null;
        if (complexity.CloudShare is { } cloud)
        {
            if (fastBelow is not null || cloudFrom is not null)
            {
                map.Fail("cloud_share", "set either shares (cloud_share, ensemble_share) or thresholds (fast_below, cloud_from), not both");
            }
            else if (cloud + (complexity.EnsembleShare ?? 0) > 1)
            {
                map.Fail("ensemble_share", "cloud_share + ensemble_share must not exceed 1");
            }
            else if (Calibration(map, complexity, model) is { } calibration)
            {
                result = result with { CloudFrom = calibration.ThresholdForShare(cloud), FastBelow = calibration.ThresholdForShare(cloud + (complexity.EnsembleShare ?? 0)) };
            }
        }

        map.RejectUnknown();
        return result;
    }

    private static LinearRouterModel? Load(ConfigMap map, ComplexityOptions complexity)
    {
        try
        {
            return RouterModels.Get(complexity.ModelPath);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return map.Fail<LinearRouterModel>("model", e.Message);
        }
    }

    private static ScoreCalibration? Calibration(ConfigMap map, ComplexityOptions complexity, LinearRouterModel? model)
    {
        if (complexity.Estimator != ComplexityEstimatorKind.Learned)
        {
            return map.Fail<ScoreCalibration>("cloud_share", "shares need a calibrated estimator: set estimator: learned, or use fast_below/cloud_from with the heuristic");
        }

        if (model is null)
        {
            return null;
        }

        return model.Calibration ?? map.Fail<ScoreCalibration>(complexity.ModelPath is null ? "estimator" : "model",
            "the router model has no calibration table (saved by an older build); retrain it with `locus router train` or set fast_below/cloud_from");
    }
}
