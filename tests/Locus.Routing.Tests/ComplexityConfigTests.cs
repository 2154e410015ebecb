using Locus.Core.Configuration;
using Locus.Routing.Learning;
using Locus.Routing.Options;
using Locus.Routing.Policy;
using Locus.Routing.Requests;
using Locus.Routing.Signals;

namespace Locus.Routing.Tests;

/// <summary>routing.complexity: choosing the learned estimator and setting thresholds by the share of cloud calls.</summary>
public sealed class ComplexityConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("locus-cplx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RouterConfig Parse(string complexity) => ConfigText.Bind(
        RouterConfig.Section, $"routing:\n  complexity: {complexity}\n", Path.Combine(_dir, "locus.yaml"));

    private ConfigurationError Error(string complexity) =>
        Assert.Single(Assert.Throws<ConfigurationException>(() => Parse(complexity)).Errors);

    [Fact]
    public void Parse_CloudShare_ThresholdsFromTheBuiltInCalibration()
    {
        var calibration = LearnedComplexityEstimator.LoadDefault().Model.Calibration!;

        var routing = Parse("{ estimator: learned, cloud_share: 0.3, ensemble_share: 0.2 }").Routing;

        Assert.Equal(ComplexityEstimatorKind.Learned, routing.Complexity.Estimator);
        Assert.Equal(calibration.ThresholdForShare(0.3), routing.CloudFrom);
        Assert.Equal(calibration.ThresholdForShare(0.5), routing.FastBelow);
        Assert.True(routing.FastBelow < routing.CloudFrom);
    }

    [Fact]
    public void Parse_MoreCloud_LowerThreshold()
    {
        var some = Parse("{ estimator: learned, cloud_share: 0.1 }").Routing;
        var more = Parse("{ estimator: learned, cloud_share: 0.6 }").Routing;

        Assert.True(more.CloudFrom < some.CloudFrom);
        Assert.Equal(some.CloudFrom, some.FastBelow); // no ensemble share: no tier-2 band
    }

    [Fact]
    public void Parse_ModelFile_ResolvedBesideTheConfigAndLoaded()
    {
        var path = Path.Combine(_dir, "mine.lrtm");
        var calibration = new ScoreCalibration(Enumerable.Range(0, ScoreCalibration.Points).Select(i => i / 100f).ToArray());
        var config = new FeaturizerConfig(HashBits: 8, MaxWordNgram: 1, MinCharNgram: 3, MaxCharNgram: 3);
        new LinearRouterModel(config, new float[config.Dimension], 0, calibration).Save(path);

        var routing = Parse("{ estimator: learned, model: mine.lrtm, cloud_share: 0.25 }").Routing;

        Assert.Equal(path, routing.Complexity.ModelPath);
        Assert.Equal(0.75, routing.CloudFrom, 6);
    }

    [Theory]
    [InlineData("{ cloud_share: 0.3 }", "routing.complexity.cloud_share", "estimator: learned")]
    [InlineData("{ estimator: learned, cloud_share: 0.3, cloud_from: 0.5 }", "routing.complexity.cloud_share", "not both")]
    [InlineData("{ estimator: learned, cloud_share: 0.7, ensemble_share: 0.5 }", "routing.complexity.ensemble_share", "exceed 1")]
    [InlineData("{ estimator: learned, ensemble_share: 0.2 }", "routing.complexity.ensemble_share", "cloud_share")]
    [InlineData("{ estimator: learned, model: missing.lrtm }", "routing.complexity.model", "no router model")]
    [InlineData("{ model: x.lrtm }", "routing.complexity.model", "estimator: learned")]
    [InlineData("{ estimator: neural }", "routing.complexity.estimator", "heuristic")]
    [InlineData("{ estimator: learned, cloud_share: 2 }", "routing.complexity.cloud_share", "0 to 1")]
    public void Parse_BadComplexity_ErrorNamesKey(string complexity, string key, string hint)
    {
        var error = Error(complexity);

        Assert.Equal(key, error.Key);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotARouterModel_SaysWhatIsWrong()
    {
        File.WriteAllText(Path.Combine(_dir, "bad.lrtm"), "GGUF not a router");

        var error = Error("{ estimator: learned, model: bad.lrtm, cloud_share: 0.3 }");

        Assert.Equal("routing.complexity.model", error.Key);
        Assert.Contains("LRTM", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>The learned estimator in decisions, with thresholds from a share.</summary>
public sealed class LearnedRoutingTests
{
    private static Policy.RouteDecision Explain(double cloudShare, string prompt)
    {
        var calibration = LearnedComplexityEstimator.LoadDefault().Model.Calibration!;
        var threshold = calibration.ThresholdForShare(cloudShare);
        var router = new RouterFixture().Build(r => r with
        {
            Complexity = new ComplexityOptions { Estimator = ComplexityEstimatorKind.Learned, CloudShare = cloudShare },
            CloudFrom = threshold,
            FastBelow = threshold,
        });
        return router.Explain(RouterFixture.Ask(prompt), null, new RequestContext());
    }

    [Fact]
    public void Decide_LearnedEstimator_ReasonShowsModelScoreAndCalibration()
    {
        var decision = Explain(0.3, "What is the capital of France?");

        var reason = Assert.Single(decision.Reasons, r => r.Signal == "complexity");
        Assert.Contains("learned p(needs strong)=", reason.Detail, StringComparison.Ordinal);
        Assert.Contains("calibrated for 30% cloud calls", reason.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_AllCloudVersusNoCloud_TierFollowsTheShare()
    {
        const string Prompt = "Prove that the sum of the first n odd numbers is n squared, step by step.";

        Assert.Equal(RouteTier.Cloud, Explain(1.0, Prompt).Tier);
        Assert.Equal(RouteTier.Local, Explain(0.0, Prompt).Tier);
    }
}
