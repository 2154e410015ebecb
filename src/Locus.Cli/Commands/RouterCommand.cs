using System.CommandLine;

namespace Locus.Cli.Commands;

/// <summary>`locus router eval | train | ensemble`: evaluate routers and local ensembles on public outcome data, and train the learned router.</summary>
internal static class RouterCommand
{
    public static Command Create()
    {
        // Registered before the eval command lists the routers in its help.
        Locus.RouterLab.Evaluation.ScorerRegistry.Register("learned", Locus.RouterLab.Learning.LearnedScorer.Default);
        return new("router", "Evaluate routers on per-prompt outcome data, and train the learned router")
        {
            RouterEvalCommand.Create(),
            RouterTrainCommand.Create(),
            RouterEnsembleCommand.Create(),
        };
    }
}
