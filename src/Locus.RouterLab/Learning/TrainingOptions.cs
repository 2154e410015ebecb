using Locus.Routing.Learning;

namespace Locus.RouterLab.Learning;

/// <summary>Logistic regression by SGD with L2; the same options and seed give the same model, bit for bit.</summary>
/// <param name="Epochs">Passes over the data, each in a freshly shuffled order.</param>
/// <param name="L2">Regularization strength (lambda), per example.</param>
/// <param name="LearningRate">Initial step; decays as eta0 / (1 + eta0 * lambda * t) (Bottou's schedule).</param>
/// <param name="Seed">Shuffling seed.</param>
/// <param name="GapWeighted">Weigh each example by 0.5 + |strong - weak| so that decisive prompts count more than ties.</param>
public sealed record TrainingOptions(int Epochs = 6, double L2 = 1e-5, double LearningRate = 0.5, int Seed = 42, bool GapWeighted = true)
{
    public static TrainingOptions Default { get; } = new();

    public FeaturizerConfig Featurizer { get; init; } = FeaturizerConfig.Default;
}
