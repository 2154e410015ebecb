using Locus.Core.Errors;
using Locus.RouterLab.Data;
using Locus.Routing.Ensembles;

namespace Locus.RouterLab.Ensembles;

/// <summary>
/// Local ensembles against a frontier model on multi-model outcome data. An ensemble's answer is the one tier 2 would
/// return (the first answer of the plurality for a vote, the medoid for similarity) and its quality is the correctness
/// of the member that gave it. A cascade returns that answer when agreement reaches the threshold and the frontier
/// model's otherwise. Cost: the members' API prices, plus the frontier's when escalated.
/// </summary>
public static class EnsembleEvaluation
{
    private static readonly AgreementMeasure[] Measures = [AgreementMeasure.Vote, AgreementMeasure.Similarity, AgreementMeasure.Auto];

    /// <summary>A RouterBench CSV, or every *.csv in a folder (in name order).</summary>
    public static IReadOnlyList<EnsembleReport> Run(string path, EnsembleSetup setup)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(setup);
        var files = File.Exists(path) ? [path]
            : Directory.Exists(path) ? Directory.GetFiles(path, "*.csv").Order(StringComparer.Ordinal).ToArray()
            : throw new LocusException(LocusError.Invalid($"no RouterBench data at {path}: pass a CSV or a folder of them", "data"));
        if (files.Length == 0)
        {
            throw new LocusException(LocusError.Invalid($"{path} holds no .csv files", "data"));
        }

        return [.. files.Select(f => Evaluate(Path.GetFileName(f), RouterBenchLoader.LoadAnswers(f, setup.Models), setup))];
    }

    /// <param name="items">Answers in the order of <see cref="EnsembleSetup.Models"/>.</param>
    public static EnsembleReport Evaluate(string data, IReadOnlyList<MultiModelItem> items, EnsembleSetup setup)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(setup);
        if (items.Count == 0)
        {
            throw new LocusException(LocusError.Invalid($"{data}: no prompt has an outcome for every model"));
        }

        var models = setup.Models;
        var frontier = models.Count - 1;
        var strategies = setup.Pool.Select((m, i) => Single("single", m, i)).ToList();
        var frontierResult = Single("frontier", setup.Frontier, frontier);
        strategies.Add(frontierResult);
        var cascades = new List<StrategyResult>();
        var parity = new List<ParityResult>();
        foreach (var set in setup.Sets)
        {
            var members = set.Models.Select(m => IndexOf(models, m)).ToArray();
            foreach (var measure in Measures)
            {
                var runs = items.Select(item => Agreement.Measure([.. members.Select(m => item.Answers[m].Response)], measure)).ToArray();
                var voted = runs.Average(r => r.Measure == AgreementMeasure.Vote ? 1.0 : 0.0);
                var ensemble = Cascade(set.Name, measure, null, items, members, runs, frontier) with { Voted = voted };
                strategies.Add(ensemble);
                var swept = setup.Thresholds.Select(t => Cascade(set.Name, measure, t, items, members, runs, frontier) with { Voted = voted }).ToList();
                cascades.AddRange(swept);
                var cheapest = swept.Prepend(ensemble).Where(s => s.Quality >= frontierResult.Quality - 1e-12).MinBy(s => s.Cost);
                parity.Add(new ParityResult(set.Name, measure, cheapest));
            }
        }

        return new EnsembleReport(data, items.Count, frontierResult, strategies, cascades, parity);

        StrategyResult Single(string kind, string model, int index) =>
            new(kind, model, null, null, items.Average(i => i.Answers[index].Quality), items.Average(i => i.Answers[index].Cost), kind == "frontier" ? 1 : 0);
    }

    // No threshold: the ensemble's answer always stands.
    private static StrategyResult Cascade(
        string set, AgreementMeasure measure, double? threshold, IReadOnlyList<MultiModelItem> items, int[] members, AgreementResult[] runs, int frontier)
    {
        double quality = 0, cost = 0, escalated = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var answers = items[i].Answers;
            cost += members.Sum(m => answers[m].Cost);
            if (threshold is { } t && runs[i].Score < t)
            {
                quality += answers[frontier].Quality;
                cost += answers[frontier].Cost;
                escalated++;
            }
            else
            {
                quality += answers[members[runs[i].Chosen]].Quality;
            }
        }

        return new StrategyResult(threshold is null ? "ensemble" : "cascade", set, measure, threshold, quality / items.Count, cost / items.Count, escalated / items.Count);
    }

    private static int IndexOf(IReadOnlyList<string> models, string model)
    {
        for (var i = 0; i < models.Count; i++)
        {
            if (models[i] == model)
            {
                return i;
            }
        }

        throw new LocusException(LocusError.Invalid($"member {model} is not one of the models read ({string.Join(", ", models)})"));
    }
}
