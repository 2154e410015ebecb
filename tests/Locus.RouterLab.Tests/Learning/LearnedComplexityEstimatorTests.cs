using Locus.Routing.Learning;
using Locus.Routing.Policy;
using Locus.Routing.Signals;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;

namespace Locus.RouterLab.Tests.Learning;

public sealed class LearnedComplexityEstimatorTests
{
    private static RoutingInput Input(string text, ChatOptions? options = null) =>
        RoutingInput.From([new ChatMessage(ChatRole.System, "You are helpful."), new ChatMessage(ChatRole.User, text)], options);

    [Fact]
    public void ShippedModelFile_Loads_ScoresAsProbabilityWithFactor()
    {
        var estimator = new LearnedComplexityEstimator(LinearRouterModel.Load(ShippedModel.Path));

        var estimate = estimator.Estimate(Input("Let f be a continuous function on [0,1]. Prove that f attains its maximum."));

        Assert.Equal(FeaturizerConfig.Default, estimator.Model.Config);
        Assert.InRange(estimate.Score, 0.0001, 0.9999);
        Assert.Contains(estimate.Factors, f => f.StartsWith("learned p(needs strong)=", StringComparison.Ordinal));
        Assert.True(new FileInfo(ShippedModel.Path).Length < 20 * 1024 * 1024);
    }

    [Fact]
    public void ShippedModelFile_DifferentPrompts_DifferentScores()
    {
        var model = LinearRouterModel.Load(ShippedModel.Path);

        var scores = new[] { "hi", "Write a haiku about spring.", "Janet has 3 apples and buys 5 more boxes of 12. How many?" }
            .Select(p => model.Predict(p)).ToArray();

        Assert.Equal(scores.Length, scores.Distinct().Count());
    }

    [Fact]
    public void Estimate_WithTools_RaisesScore()
    {
        var estimator = new LearnedComplexityEstimator(LinearRouterModel.Load(ShippedModel.Path));
        var tools = new ChatOptions { Tools = [AIFunctionFactory.Create(() => 1, "one")] };

        var plain = estimator.Estimate(Input("list the files"));
        var withTools = estimator.Estimate(Input("list the files", tools));

        Assert.True(withTools.Score > plain.Score);
        Assert.Contains(withTools.Factors, f => f.StartsWith("tool use", StringComparison.Ordinal));
    }

    [EmbeddedModelFact]
    public void LoadDefault_Embedded_SameAsFile()
    {
        var embedded = LearnedComplexityEstimator.LoadDefault().Model;
        var file = LinearRouterModel.Load(ShippedModel.Path);

        Assert.Equal(file.Predict("Solve x^2 = 2"), embedded.Predict("Solve x^2 = 2"));
    }
}
