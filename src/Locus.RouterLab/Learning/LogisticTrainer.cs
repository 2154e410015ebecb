using Locus.Routing.Learning;

namespace Locus.RouterLab.Learning;

/// <summary>
/// Sparse logistic regression by SGD. The weight vector is kept as scale * v so that the L2 shrink of every weight is
/// one multiplication per step instead of a pass over all 2^18 buckets.
/// </summary>
public static class LogisticTrainer
{
    public static LinearRouterModel Train(IReadOnlyList<OutcomeItem> items, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var set = TrainingSet.From(items, options);
        return Train(set, Enumerable.Range(0, set.Count).ToArray(), options);
    }

    /// <summary>Trains on the examples of <paramref name="set"/> at <paramref name="rows"/> only.</summary>
    public static LinearRouterModel Train(TrainingSet set, int[] rows, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var dimension = options.Featurizer.Dimension;
        var v = new double[dimension];
        double scale = 1, bias = InitialBias(set, rows);
        var order = (int[])rows.Clone();
        var random = new Random(options.Seed);
        var lambda = options.L2;
        var eta0 = options.LearningRate;
        long step = 0;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var row in order)
            {
                var eta = eta0 / (1 + eta0 * lambda * step++);
                var x = set.Features[row];
                var indices = x.Indices;
                var values = x.Values;
                var margin = 0.0;
                for (var k = 0; k < indices.Length; k++)
                {
                    margin += v[indices[k]] * values[k];
                }

                margin = margin * scale + bias;
                var gradient = (LinearRouterModel.Sigmoid(margin) - set.Labels[row]) * set.Weights[row];

                scale *= 1 - eta * lambda;
                var delta = eta * gradient / scale;
                for (var k = 0; k < indices.Length; k++)
                {
                    v[indices[k]] -= delta * values[k];
                }

                bias -= eta * gradient * 0.1; // a slower bias step keeps early updates from swinging the base rate
                if (scale < 1e-6)
                {
                    scale = Fold(v, scale);
                }
            }
        }

        var weights = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            weights[i] = (float)(v[i] * scale);
        }

        return new LinearRouterModel(options.Featurizer, weights, (float)bias);
    }

    /// <summary>Starts the bias at the log-odds of the base rate so that training spends its steps on the words.</summary>
    private static double InitialBias(TrainingSet set, int[] rows)
    {
        double positive = 0, total = 0;
        foreach (var row in rows)
        {
            positive += set.Labels[row] * set.Weights[row];
            total += set.Weights[row];
        }

        var rate = Math.Clamp((positive + 1) / (total + 2), 1e-3, 1 - 1e-3);
        return Math.Log(rate / (1 - rate));
    }

    private static double Fold(double[] v, double scale)
    {
        for (var i = 0; i < v.Length; i++)
        {
            v[i] *= scale;
        }

        return 1;
    }
}
